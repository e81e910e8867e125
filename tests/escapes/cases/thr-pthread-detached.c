// target: tcp 10.0.0.5 80
// A detached thread connects while the PHP function waits for it.
#include "common.h"
#include <semaphore.h>
static sem_t done; static int result = -1;
static void *body(void *unused) { (void)unused; result = ESC_HIT(); sem_post(&done); return NULL; }
int run(void)
{
    esc_pin();
    pthread_t t; pthread_attr_t a;
    sem_init(&done, 0, 0);
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &a, body, NULL);
    sem_wait(&done);
    return result;
}
