/*
 * aes_threads: PHP requests on several threads at once, through the embed SAPI of a
 * thread-safe (ZTS) PHP.
 *
 * usage: aes_threads INI SCRIPT THREADS ROUNDS [WARMUP]
 *
 * php_embed_init() with INI as the php.ini (it loads sockets and appengine_sockets),
 * then THREADS threads, each with its own TSRM context (ts_resource), run ROUNDS
 * requests each (php_request_startup, SCRIPT, php_request_shutdown), all threads
 * starting each round together (a barrier), then ts_free_thread(). Thread T's
 * requests use appengine_sockets.app_id "tTa" in odd rounds and "tTb" in even ones,
 * set at request activation as php-fpm's PHP_ADMIN_VALUE does. The script sees
 * $_SERVER['AES_THREAD'] (T, from 1) and $_SERVER['AES_ROUND'] (from 1).
 *
 * A request's output is collected per thread and printed whole after the request,
 * every line prefixed with "tT rR: ", so the output of threads never interleaves
 * within a request. Lines of the harness itself start with "aes_threads: ".
 * WARMUP, when given, runs first in the request php_embed_init opens on the main thread,
 * before any worker starts (see tests/zts/run.sh); that request then ends, so the
 * threads below are started outside any request, as a server starts its own.
 *
 * A server thread, started outside any request and never running one, does on loopback
 * what a server's own threads do (socket, bind 127.0.0.1, listen, connect to it, accept)
 * once per round, while thread 1 is inside its request (thread 1 waits for it there). It
 * prints "aes_threads: server round R: socket E bind E listen E connect E accept E", each
 * E the call's errno (0: it succeeded).
 *
 * PHP function aes_program_thread_listen(): a thread whose start routine is in the main
 * program (this harness: a server's or a language runtime's own code, never a C
 * library's), started from inside the request, does socket, bind 127.0.0.1 and listen;
 * returns "socket E bind E listen E".
 *
 * PHP function aes_spawn_connect(ip, port[, how]): spawn_connect() of libspawn_connect.so
 * (php-tests/fixtures/threads/spawn_connect.c), a C library that connects on a thread it
 * starts; returns that thread's errno. Every worker's call waits for the others' (a
 * barrier) before it returns, so all their library threads have made their calls by then.
 * Exit status: 0 when every thread ran every request (the checks are the
 * script's, read by run.sh), 1 otherwise.
 *
 * Build: gcc -pthread $(php-config --includes) -o aes_threads aes_threads.c PREFIX/lib/libphp.so \
 *        -L DIR -lspawn_connect      (DIR/libspawn_connect.so: gcc -shared -fPIC spawn_connect.c)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sapi/embed/php_embed.h>
#include <main/php_variables.h>

#ifndef ZTS
#error "aes_threads needs a thread-safe (ZTS) PHP"
#endif

static const char *script;
static int rounds;
static pthread_barrier_t barrier;
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

/* libspawn_connect.so */
int spawn_connect(const char *ip, int port, int how);
static pthread_barrier_t spawn_barrier;

/* The server thread: the round thread 1 asks for, the last round done, and the end. */
static pthread_mutex_t server_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t server_cond = PTHREAD_COND_INITIALIZER;
static int server_want, server_done, server_quit;

/* Per thread: which thread, which round, which app, and the request's output. */
static __thread int my_thread;
static __thread int my_round;
static __thread char my_app[32];
static __thread char *out_buf;
static __thread size_t out_len, out_cap;

static size_t ub_write(const char *str, size_t len)
{
	if (out_len + len + 1 > out_cap) {
		size_t cap = (out_len + len + 1) * 2;
		char *p = realloc(out_buf, cap);
		if (!p) {
			return 0;
		}
		out_buf = p;
		out_cap = cap;
	}
	memcpy(out_buf + out_len, str, len);
	out_len += len;
	out_buf[out_len] = '\0';
	return len;
}

static void flush_output(void)
{
	pthread_mutex_lock(&print_lock);
	char *save = NULL;
	for (char *line = out_len ? strtok_r(out_buf, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		printf("t%d r%d: %s\n", my_thread, my_round, line);
	}
	fflush(stdout);
	pthread_mutex_unlock(&print_lock);
	out_len = 0;
}

/* The SAPI's activate hook: runs in php_request_startup before the modules' RINIT. */
static int activate(void)
{
	if (my_app[0] && php_get_module_initialized()) {
		zend_string *name = zend_string_init(ZEND_STRL("appengine_sockets.app_id"), 0);
		zend_string *value = zend_string_init(my_app, strlen(my_app), 0);
		zend_alter_ini_entry(name, value, PHP_INI_SYSTEM, PHP_INI_STAGE_ACTIVATE);
		zend_string_release(name);
		zend_string_release(value);
	}
	return SUCCESS;
}

static void register_variables(zval *track_vars_array)
{
	char v[16];
	php_import_environment_variables(track_vars_array);
	snprintf(v, sizeof v, "%d", my_thread);
	php_register_variable("AES_THREAD", v, track_vars_array);
	snprintf(v, sizeof v, "%d", my_round);
	php_register_variable("AES_ROUND", v, track_vars_array);
}

/* One round of the server thread's loopback traffic; prints each call's errno. */
static void server_round(int round)
{
	int e_socket = 0, e_bind = 0, e_listen = 0, e_connect = 0, e_accept = 0;
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0) {
		e_socket = errno;
	} else {
		if (bind(ls, (struct sockaddr *) &sa, sizeof sa) != 0) {
			e_bind = errno;
		}
		if (listen(ls, 4) != 0) {
			e_listen = errno;
		}
		fcntl(ls, F_SETFL, O_NONBLOCK);   /* accept must not wait if connect failed */
		getsockname(ls, (struct sockaddr *) &sa, &len);
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c >= 0 && connect(c, (struct sockaddr *) &sa, len) != 0) {
			e_connect = errno;
		}
		int a = accept(ls, NULL, NULL);
		if (a < 0) {
			e_accept = errno;
		} else {
			close(a);
		}
		if (c >= 0) {
			close(c);
		}
		close(ls);
	}
	pthread_mutex_lock(&print_lock);
	printf("aes_threads: server round %d: socket %d bind %d listen %d connect %d accept %d\n",
		round, e_socket, e_bind, e_listen, e_connect, e_accept);
	fflush(stdout);
	pthread_mutex_unlock(&print_lock);
}

static void *server(void *arg)
{
	(void) arg;
	pthread_mutex_lock(&server_lock);
	for (;;) {
		while (server_want == server_done && !server_quit) {
			pthread_cond_wait(&server_cond, &server_lock);
		}
		if (server_want == server_done) {
			break;
		}
		int round = server_want;
		pthread_mutex_unlock(&server_lock);
		server_round(round);
		pthread_mutex_lock(&server_lock);
		server_done = round;
		pthread_cond_broadcast(&server_cond);
	}
	pthread_mutex_unlock(&server_lock);
	return NULL;
}

/* Thread 1, inside its request: have the server thread do its round now, and wait. */
static void server_now(int round)
{
	pthread_mutex_lock(&server_lock);
	server_want = round;
	pthread_cond_broadcast(&server_cond);
	while (server_done < round) {
		pthread_cond_wait(&server_cond, &server_lock);
	}
	pthread_mutex_unlock(&server_lock);
}

PHP_FUNCTION(aes_spawn_connect)
{
	char *ip;
	size_t ip_len;
	zend_long port, how = 0;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STRING(ip, ip_len)
		Z_PARAM_LONG(port)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(how)
	ZEND_PARSE_PARAMETERS_END();
	int error = spawn_connect(ip, (int) port, (int) how);
	pthread_barrier_wait(&spawn_barrier);
	RETURN_LONG(error);
}

/* The main program's own thread: socket, bind(127.0.0.1:0), listen; errnos into arg. */
static void *program_thread(void *arg)
{
	int *e = arg;
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		e[0] = errno;
		return NULL;
	}
	if (bind(fd, (struct sockaddr *) &sa, sizeof sa) != 0) {
		e[1] = errno;
	}
	if (listen(fd, 4) != 0) {
		e[2] = errno;
	}
	close(fd);
	return NULL;
}

PHP_FUNCTION(aes_program_thread_listen)
{
	int e[3] = { 0, 0, 0 };
	pthread_t t;
	ZEND_PARSE_PARAMETERS_NONE();
	if (pthread_create(&t, NULL, program_thread, e) != 0 || pthread_join(t, NULL) != 0) {
		RETURN_STRING("pthread_create failed");
	}
	RETURN_STR(zend_strpprintf(0, "socket %d bind %d listen %d", e[0], e[1], e[2]));
}

ZEND_BEGIN_ARG_INFO_EX(arginfo_aes_program_thread_listen, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_aes_spawn_connect, 0, 0, 2)
	ZEND_ARG_INFO(0, ip)
	ZEND_ARG_INFO(0, port)
	ZEND_ARG_INFO(0, how)
ZEND_END_ARG_INFO()

static const zend_function_entry harness_functions[] = {
	ZEND_FE(aes_spawn_connect, arginfo_aes_spawn_connect)
	ZEND_FE(aes_program_thread_listen, arginfo_aes_program_thread_listen)
	ZEND_FE_END
};

/* The SAPI's start-up: php_embed_init sets additional_functions (its dl()) just before
 * calling it, so the harness's functions are put in its place here. */
static int harness_startup(sapi_module_struct *sf)
{
	sf->additional_functions = harness_functions;
	return php_module_startup(sf, NULL);
}

static int run_request(void)
{
	int status = 0;
	SG(options) |= SAPI_OPTION_NO_CHDIR;
	SG(headers_sent) = 1;
	SG(request_info).no_headers = 1;
	if (php_request_startup() == FAILURE) {
		return 1;
	}
	if (my_thread == 1) {
		server_now(my_round);
	}
	zend_first_try {
		zend_file_handle fh;
		zend_stream_init_filename(&fh, script);
		if (!php_execute_script(&fh)) {
			status = 1;
		}
		zend_destroy_file_handle(&fh);
	} zend_catch {
		ub_write("bailout (fatal error or exit)\n", 30);
		status = 1;
	} zend_end_try();
	php_request_shutdown(NULL);
	return status;
}

static void *worker(void *arg)
{
	long status = 0;
	my_thread = (int) (long) arg;
	/* This thread's own TSRM context: its executor globals, persistent list, ini. */
	(void) ts_resource(0);
	for (my_round = 1; my_round <= rounds; my_round++) {
		snprintf(my_app, sizeof my_app, "t%d%c", my_thread, my_round % 2 ? 'a' : 'b');
		pthread_barrier_wait(&barrier);
		if (run_request() != 0) {
			ub_write("request failed\n", 15);
			status = 1;
		}
		flush_output();
	}
	/* The thread's persistent resources (pfsockopen) are closed here. */
	ts_free_thread();
	free(out_buf);
	return (void *) status;
}

int main(int argc, char **argv)
{
	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: %s INI SCRIPT THREADS ROUNDS [WARMUP]\n", argv[0]);
		return 2;
	}
	script = argv[2];
	int threads = atoi(argv[3]);
	rounds = atoi(argv[4]);
	if (threads < 1 || threads > 64 || rounds < 1) {
		fprintf(stderr, "aes_threads: THREADS 1..64, ROUNDS >= 1\n");
		return 2;
	}
	php_embed_module.php_ini_path_override = argv[1];
	php_embed_module.php_ini_ignore = 0;
	php_embed_module.php_ini_ignore_cwd = 1;
	php_embed_module.activate = activate;
	php_embed_module.ub_write = ub_write;
	php_embed_module.register_server_variables = register_variables;
	php_embed_module.startup = harness_startup;
	if (php_embed_init(0, NULL) == FAILURE) {
		printf("aes_threads: php_embed_init failed\n");
		return 1;
	}
	/* php_embed_init left a request open on this thread; the workers run their own. */
	if (argc == 6) {
		zend_first_try {
			zend_file_handle fh;
			zend_stream_init_filename(&fh, argv[5]);
			php_execute_script(&fh);
			zend_destroy_file_handle(&fh);
		} zend_end_try();
	}
	flush_output();
	/* A server starts its threads outside requests. */
	php_request_shutdown(NULL);
	printf("aes_threads: %d threads x %d requests, ZTS\n", threads, rounds);
	fflush(stdout);

	pthread_t tid[64], server_tid;
	int status = 0;
	pthread_barrier_init(&barrier, NULL, (unsigned) threads);
	pthread_barrier_init(&spawn_barrier, NULL, (unsigned) threads);
	if (pthread_create(&server_tid, NULL, server, NULL) != 0) {
		printf("aes_threads: pthread_create failed\n");
		return 1;
	}
	for (long t = 0; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, worker, (void *) (t + 1)) != 0) {
			printf("aes_threads: pthread_create failed\n");
			return 1;
		}
	}
	for (int t = 0; t < threads; t++) {
		void *rv = NULL;
		pthread_join(tid[t], &rv);
		status |= (int) (long) rv;
	}
	pthread_mutex_lock(&server_lock);
	server_quit = 1;
	pthread_cond_broadcast(&server_cond);
	pthread_mutex_unlock(&server_lock);
	pthread_join(server_tid, NULL);
	pthread_barrier_destroy(&barrier);
	pthread_barrier_destroy(&spawn_barrier);
	/* php_embed_shutdown ends a request: the one php_embed_init would have left open. */
	php_request_startup();
	php_embed_shutdown();
	free(out_buf);
	printf("aes_threads: done, %s\n", status ? "a request failed" : "every request ran");
	return status;
}
