// target: self
// A library's own thread (started in the request) sends datagrams in a loop; the request's
// thread interrupts it with SIGUSR1 over and over, and the handler, on the library's
// thread, connects (socket and connect are async-signal-safe). A handler landing inside
// the thread's guarded sendto must be refused at once, not wait for a lock its own
// thread holds (the suite's timeout counts a hang as "broke"). run() returns how many of
// the handler's connects to 10.0.0.5:80 succeeded (the .php prints REACHED for any: the
// catcher's log could still be taking the 300 connections of the run without the
// extension when the second run starts).
#include "common.h"
#include <signal.h>
#include <time.h>
static volatile sig_atomic_t fired, stop, reached;
static void on_usr1(int sig)
{
    (void)sig;
    int saved = errno;
    if (esc_connect_with(connect, "10.0.0.5", 80) == 0)
        reached++;
    fired++;
    errno = saved;
}
static void *sender(void *v)
{
    (void)v;
    struct sockaddr_in allowed = esc_sin("11.0.0.1", 7);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    while (!stop)
        sendto(fd, "y", 1, 0, (struct sockaddr *)&allowed, sizeof allowed);
    close(fd);
    return NULL;
}
int run(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    pthread_t t;
    pthread_create(&t, NULL, sender, NULL);
    struct timespec pause = {0, 100000};
    for (int i = 0; i < 20000 && fired < 300; i++) {
        pthread_kill(t, SIGUSR1);
        nanosleep(&pause, NULL);
    }
    stop = 1;
    pthread_join(t, NULL);
    signal(SIGUSR1, SIG_DFL);
    return reached;
}
