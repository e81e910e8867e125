// target: self
// A signal sent to a library's new thread at once (pthread_kill right after
// pthread_create) can run its handler before the thread's first frame took on the
// request: the handler connects. The new thread starts with every signal blocked until
// it has taken on the request. run() returns how many connects to 10.0.0.5:80 succeeded.
#include "common.h"
#include <signal.h>
#include <time.h>
static volatile sig_atomic_t reached;
static void on_usr1(int sig)
{
    (void)sig;
    int saved = errno;
    if (esc_connect_with(connect, "10.0.0.5", 80) == 0)
        reached++;
    errno = saved;
}
static void *body(void *v)
{
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
    return v;
}
int run(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 50; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, body, NULL) != 0)
            break;
        pthread_kill(t, SIGUSR1);
        pthread_join(t, NULL);
    }
    signal(SIGUSR1, SIG_DFL);
    return reached;
}
