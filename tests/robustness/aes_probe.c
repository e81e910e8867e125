/*
 * aes_probe: a tiny PHP extension used by tests/robustness/run.sh to watch
 * another module swap PHP's handlers and put them back.
 *
 * Load it with `extension=` right BEFORE appengine_sockets (so its MINIT runs
 * first and its MSHUTDOWN runs right after appengine_sockets').
 *
 *   MINIT     snapshots the handler of every internal function in
 *             CG(function_table) and the factory of every stream transport
 *             (php_stream_xport_get_hash()). Every extension's functions are
 *             registered before the first MINIT runs, so these are PHP's own.
 *   aes_probe_changed(): array
 *             ['functions' => names whose handler differs from the snapshot,
 *              'transports' => names whose factory differs] (sorted), during a
 *             request.
 *   MSHUTDOWN prints one line to stderr:
 *             "aes_probe: shutdown: N function handlers and M transport
 *              factories changed[: names]; K functions gone"
 *             "gone" are functions whose module has already shut down
 *             (modules shut down in reverse load order).
 *
 * Build: gcc -shared -fPIC $(php-config8.2 --includes) -o aes_probe.so aes_probe.c
 */
#include "php.h"
#include "ext/standard/info.h"
#include "main/php_streams.h"

typedef struct {
	char *name;
	void *ptr;
} entry;

static entry *functions;
static size_t nfunctions;
static entry *transports;
static size_t ntransports;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static entry *snapshot_functions(size_t *n)
{
	HashTable *t = CG(function_table);
	entry *e = calloc(zend_hash_num_elements(t) + 1, sizeof(entry));
	zend_string *key;
	zend_function *f;
	size_t i = 0;
	ZEND_HASH_FOREACH_STR_KEY_PTR(t, key, f) {
		if (key && f->type == ZEND_INTERNAL_FUNCTION) {
			e[i].name = strdup(ZSTR_VAL(key));
			e[i].ptr = (void *)f->internal_function.handler;
			i++;
		}
	} ZEND_HASH_FOREACH_END();
	*n = i;
	return e;
}

static entry *snapshot_transports(size_t *n)
{
	HashTable *t = php_stream_xport_get_hash();
	entry *e = calloc(zend_hash_num_elements(t) + 1, sizeof(entry));
	zend_string *key;
	void *factory;
	size_t i = 0;
	ZEND_HASH_FOREACH_STR_KEY_PTR(t, key, factory) {
		if (key) {
			e[i].name = strdup(ZSTR_VAL(key));
			e[i].ptr = factory;
			i++;
		}
	} ZEND_HASH_FOREACH_END();
	*n = i;
	return e;
}

/* Names of the changed entries (malloc'd array of borrowed names, sorted); *gone counts
 * the snapshot entries no longer present. */
static char **changed_functions(size_t *n, size_t *gone)
{
	char **out = calloc(nfunctions + 1, sizeof(char *));
	*n = 0;
	*gone = 0;
	for (size_t i = 0; i < nfunctions; i++) {
		zend_function *f = zend_hash_str_find_ptr(CG(function_table), functions[i].name, strlen(functions[i].name));
		if (!f || f->type != ZEND_INTERNAL_FUNCTION) {
			(*gone)++;
		} else if ((void *)f->internal_function.handler != functions[i].ptr) {
			out[(*n)++] = functions[i].name;
		}
	}
	qsort(out, *n, sizeof(char *), cmp_names);
	return out;
}

static char **changed_transports(size_t *n)
{
	char **out = calloc(ntransports + 1, sizeof(char *));
	HashTable *t = php_stream_xport_get_hash();
	*n = 0;
	for (size_t i = 0; i < ntransports; i++) {
		void *factory = t ? zend_hash_str_find_ptr(t, transports[i].name, strlen(transports[i].name)) : NULL;
		if (factory != transports[i].ptr) {
			out[(*n)++] = transports[i].name;
		}
	}
	qsort(out, *n, sizeof(char *), cmp_names);
	return out;
}

static void free_snapshot(entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].name);
	}
	free(e);
}

PHP_FUNCTION(aes_probe_changed)
{
	size_t nf, nt, gone;
	char **f, **t;
	zval list;

	ZEND_PARSE_PARAMETERS_NONE();
	f = changed_functions(&nf, &gone);
	t = changed_transports(&nt);
	array_init(return_value);
	array_init(&list);
	for (size_t i = 0; i < nf; i++) {
		add_next_index_string(&list, f[i]);
	}
	add_assoc_zval(return_value, "functions", &list);
	array_init(&list);
	for (size_t i = 0; i < nt; i++) {
		add_next_index_string(&list, t[i]);
	}
	add_assoc_zval(return_value, "transports", &list);
	add_assoc_long(return_value, "snapshot_functions", (zend_long)nfunctions);
	add_assoc_long(return_value, "snapshot_transports", (zend_long)ntransports);
	free(f);
	free(t);
}

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_aes_probe_changed, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

static const zend_function_entry aes_probe_functions[] = {
	PHP_FE(aes_probe_changed, arginfo_aes_probe_changed)
	PHP_FE_END
};

static PHP_MINIT_FUNCTION(aes_probe)
{
	functions = snapshot_functions(&nfunctions);
	transports = snapshot_transports(&ntransports);
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(aes_probe)
{
	size_t nf, nt, gone;
	char **f = changed_functions(&nf, &gone);
	char **t = changed_transports(&nt);
	fprintf(stderr, "aes_probe: shutdown: %zu function handlers and %zu transport factories changed", nf, nt);
	for (size_t i = 0; i < nf; i++) {
		fprintf(stderr, "%s%s", i ? ", " : ": ", f[i]);
	}
	for (size_t i = 0; i < nt; i++) {
		fprintf(stderr, "%s%s://", (i || nf) ? ", " : ": ", t[i]);
	}
	fprintf(stderr, "; %zu of %zu functions gone, %zu transports checked\n", gone, nfunctions, ntransports);
	fflush(stderr);
	free(f);
	free(t);
	free_snapshot(functions, nfunctions);
	free_snapshot(transports, ntransports);
	functions = transports = NULL;
	nfunctions = ntransports = 0;
	return SUCCESS;
}

zend_module_entry aes_probe_module_entry = {
	STANDARD_MODULE_HEADER,
	"aes_probe",
	aes_probe_functions,
	PHP_MINIT(aes_probe),
	PHP_MSHUTDOWN(aes_probe),
	NULL,
	NULL,
	NULL,
	"0.1",
	STANDARD_MODULE_PROPERTIES
};

ZEND_GET_MODULE(aes_probe)
