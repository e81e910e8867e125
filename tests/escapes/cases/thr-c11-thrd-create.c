// target: tcp 10.0.0.5 80
// A C11 thread (thrd_create, as librdkafka starts its broker threads).
#include "common.h"
#include <threads.h>
static int body(void *out) { *(int *)out = ESC_HIT(); return 0; }
int run(void)
{
    thrd_t t; int rc = -1;
    if (thrd_create(&t, body, &rc) != thrd_success) return 98;
    thrd_join(t, NULL);
    return rc;
}
