// target: tcp 10.0.0.5 80
// A library's thread starts a thread that connects.
#include "common.h"
static void *inner(void *out) { *(int *)out = ESC_HIT(); return NULL; }
static void *outer(void *out) { pthread_t t; pthread_create(&t, NULL, inner, out); pthread_join(t, NULL); return NULL; }
int run(void)
{
    pthread_t t; int rc = -1;
    pthread_create(&t, NULL, outer, &rc);
    pthread_join(t, NULL);
    return rc;
}
