// target: tcp 10.0.0.5 80
// A library's pthread connects; the library joins it.
#include "common.h"
static void *body(void *out) { *(int *)out = ESC_HIT(); return NULL; }
int run(void)
{
    pthread_t t; int rc = -1;
    pthread_create(&t, NULL, body, &rc);
    pthread_join(t, NULL);
    return rc;
}
