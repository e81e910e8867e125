// target: tcp 10.0.0.5 80
// gcc: -lanl
// getaddrinfo_a's completion runs a function on a helper thread (SIGEV_THREAD).
#include "common.h"
#include <netdb.h>
#include <semaphore.h>
#include <signal.h>
static sem_t done; static int result = -1;
static void fire(union sigval v) { (void)v; result = ESC_HIT(); sem_post(&done); }
int run(void)
{
    esc_pin();
    struct gaicb req = { .ar_name = "public.test" }, *list[1] = { &req };
    struct sigevent ev = { .sigev_notify = SIGEV_THREAD, .sigev_notify_function = fire };
    sem_init(&done, 0, 0);
    int rc = getaddrinfo_a(GAI_NOWAIT, list, 1, &ev);
    if (rc != 0) return 200 + rc;
    sem_wait(&done);
    return result;
}
