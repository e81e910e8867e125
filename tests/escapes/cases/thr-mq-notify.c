// target: tcp 10.0.0.5 80
// gcc: -lrt
// mq_notify runs a function on a helper thread (SIGEV_THREAD) when a message arrives.
#include "common.h"
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
static sem_t done; static int result = -1;
static void fire(union sigval v) { (void)v; result = ESC_HIT(); sem_post(&done); }
int run(void)
{
    esc_pin();
    char name[64];
    snprintf(name, sizeof name, "/aes-escapes-%d", (int)getpid());
    struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 8 };
    mqd_t q = mq_open(name, O_CREAT | O_RDWR, 0600, &attr);
    if (q == (mqd_t)-1) return errno;
    mq_unlink(name);
    struct sigevent ev = { .sigev_notify = SIGEV_THREAD, .sigev_notify_function = fire };
    sem_init(&done, 0, 0);
    if (mq_notify(q, &ev) != 0) return errno;
    mq_send(q, "x", 1, 0);
    sem_wait(&done);
    mq_close(q);
    return result;
}
