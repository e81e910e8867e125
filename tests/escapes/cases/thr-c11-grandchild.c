// target: tcp 10.0.0.5 80
// A C11 thread starts a pthread that connects.
#include "common.h"
#include <threads.h>
static void *inner(void *out) { *(int *)out = ESC_HIT(); return NULL; }
static int outer(void *out) { pthread_t t; pthread_create(&t, NULL, inner, out); pthread_join(t, NULL); return 0; }
int run(void)
{
    thrd_t t; int rc = -1;
    if (thrd_create(&t, outer, &rc) != thrd_success) return 98;
    thrd_join(t, NULL);
    return rc;
}
