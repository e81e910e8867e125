/*
 * aes_embed: start PHP's embed SAPI several times in one process.
 *
 * usage: aes_embed MODULE_SUBSTRING INI REQUESTS [INI REQUESTS ...]
 *
 * For each INI/REQUESTS pair: php_embed_init() with INI as the php.ini (so its
 * extension= lines decide what loads in that start-up), run the requests,
 * php_embed_shutdown(). REQUESTS is a comma-separated list of [APP@]SCRIPT: each
 * runs SCRIPT in its own request (php_request_startup/php_request_shutdown), and
 * APP, when given, is that request's appengine_sockets.app_id, set at request
 * activation as php-fpm's PHP_ADMIN_VALUE does (PHP_INI_SYSTEM, stage ACTIVATE).
 * Between start-ups it prints whether a mapping whose
 * path contains MODULE_SUBSTRING is still in /proc/self/maps (i.e. whether
 * dlclose() really unloaded the module). Every line it prints starts with
 * "aes_embed: ". Set PHP_INI_SCAN_DIR to an empty directory so no conf.d
 * file loads anything else.
 *
 * Build: gcc $(php-config8.2 --includes) -o aes_embed aes_embed.c -lphp8.2
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sapi/embed/php_embed.h>

static char *request_app;

/* The SAPI's activate hook: runs in php_request_startup before the modules' RINIT. */
static int activate(void)
{
	/* php_module_startup also calls sapi_activate, before the memory manager is up. */
	if (request_app && php_get_module_initialized()) {
		zend_string *name = zend_string_init(ZEND_STRL("appengine_sockets.app_id"), 0);
		zend_string *value = zend_string_init(request_app, strlen(request_app), 0);
		zend_alter_ini_entry(name, value, PHP_INI_SYSTEM, PHP_INI_STAGE_ACTIVATE);
		zend_string_release(name);
		zend_string_release(value);
	}
	return SUCCESS;
}

/* Run one request: "[APP@]SCRIPT". */
static int run_script(int n, char *spec)
{
	int status = 0;
	char *at = strchr(spec, '@');
	char *script = at ? at + 1 : spec;
	zend_first_try {
		zend_file_handle fh;
		zend_stream_init_filename(&fh, script);
		if (!php_execute_script(&fh)) {
			status = 1;
		}
		zend_destroy_file_handle(&fh);
	} zend_catch {
		printf("aes_embed: start-up %d: bailout (fatal error or exit)\n", n);
		status = 1;
	} zend_end_try();
	fflush(stdout);
	return status;
}

static int mapped(const char *needle)
{
	char line[4096];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f) {
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		if (strstr(line, needle)) {
			found = 1;
			break;
		}
	}
	fclose(f);
	return found;
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc < 4 || (argc - 2) % 2 != 0) {
		fprintf(stderr, "usage: %s MODULE_SUBSTRING INI [APP@]SCRIPT[,...] [INI ...]\n", argv[0]);
		return 2;
	}
	const char *module = argv[1];
	for (int i = 2, n = 1; i + 1 < argc; i += 2, n++) {
		printf("aes_embed: start-up %d (ini %s)\n", n, argv[i]);
		fflush(stdout);
		php_embed_module.php_ini_path_override = argv[i];
		php_embed_module.php_ini_ignore = 0;
		php_embed_module.php_ini_ignore_cwd = 1;
		php_embed_module.activate = activate;
		char *specs = strdup(argv[i + 1]), *save = NULL;
		char *spec = strtok_r(specs, ",", &save);
		char *at = spec ? strchr(spec, '@') : NULL;
		request_app = at ? strndup(spec, at - spec) : NULL;
		if (php_embed_init(0, NULL) == FAILURE) {
			printf("aes_embed: start-up %d: php_embed_init failed\n", n);
			return 1;
		}
		for (int r = 1; spec; r++) {
			if (r > 1) {
				php_request_shutdown(NULL);
				at = strchr(spec, '@');
				free(request_app);
				request_app = at ? strndup(spec, at - spec) : NULL;
				printf("aes_embed: start-up %d, request %d%s%s\n", n, r, request_app ? ", app " : "", request_app ? request_app : "");
				fflush(stdout);
				if (php_request_startup() == FAILURE) {
					printf("aes_embed: start-up %d: php_request_startup failed\n", n);
					return 1;
				}
				SG(headers_sent) = 1;
				SG(request_info).no_headers = 1;
			}
			status |= run_script(n, spec);
			spec = strtok_r(NULL, ",", &save);
		}
		free(specs);
		free(request_app);
		request_app = NULL;
		php_embed_shutdown();
		fflush(stderr);
		printf("aes_embed: after shutdown %d: %s %s\n", n, module,
			mapped(module) == 1 ? "still mapped" : "not mapped");
		fflush(stdout);
	}
	printf("aes_embed: done\n");
	return status;
}
