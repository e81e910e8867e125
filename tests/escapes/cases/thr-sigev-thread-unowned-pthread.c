// target: tcp 10.0.0.5 80
// gcc: -lrt
// A timer's helper thread starts a pthread that connects.
#include "common.h"
#include <semaphore.h>
#include <signal.h>
#include <time.h>
static sem_t done; static int result = -1;
static void *inner(void *v) { (void)v; result = ESC_HIT(); return NULL; }
static void fire(union sigval v) { (void)v; pthread_t t; pthread_create(&t, NULL, inner, NULL); pthread_join(t, NULL); sem_post(&done); }
int run(void)
{
    esc_pin();
    timer_t t;
    struct sigevent ev = { .sigev_notify = SIGEV_THREAD, .sigev_notify_function = fire };
    struct itimerspec when = { .it_value = { 0, 1000000 } };
    sem_init(&done, 0, 0);
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0) return errno;
    timer_settime(t, 0, &when, NULL);
    sem_wait(&done);
    timer_delete(t);
    return result;
}
