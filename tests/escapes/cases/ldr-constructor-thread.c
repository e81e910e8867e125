// target: tcp 10.0.0.5 80
// not-covered: a thread a constructor starts inside dlopen goes through the real pthread_create: it is no request's (docs/differences.md)
// The constructor starts a thread that connects; run() waits for it.
#include "common.h"
static pthread_t t; static int result = -1;
static void *body(void *v) { (void)v; result = ESC_HIT(); return NULL; }
__attribute__((constructor)) static void at_load(void) { pthread_create(&t, NULL, body, NULL); }
int run(void) { pthread_join(t, NULL); return result; }
