// target: udp 10.0.0.5 9999
// A library's SIGALRM handler sends a datagram (sendto is async-signal-safe) while the
// thread it interrupts is itself inside sendto, over and over: the handler's call can
// land inside the guarded sendto, while it judges (holding the judge's locks or inside
// the allocator). It must be refused, not wait for ever for a lock its own thread holds
// (the suite's timeout counts a hang as "broke").
#include "common.h"
#include <signal.h>
#include <sys/time.h>
static int fd_handler;
static struct sockaddr_in target;
static volatile sig_atomic_t fired;
static void on_alarm(int sig)
{
    (void)sig;
    int saved = errno;
    sendto(fd_handler, "x", 1, 0, (struct sockaddr *)&target, sizeof target);
    fired++;
    errno = saved;
}
int run(void)
{
    target = esc_sin("10.0.0.5", 9999);
    struct sockaddr_in allowed = esc_sin("11.0.0.1", 7);
    fd_handler = socket(AF_INET, SOCK_DGRAM, 0);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval every = {{0, 200}, {0, 200}};
    setitimer(ITIMER_REAL, &every, NULL);
    for (int i = 0; i < 100000 && fired < 500; i++)
        sendto(fd, "y", 1, 0, (struct sockaddr *)&allowed, sizeof allowed);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_DFL);
    close(fd);
    close(fd_handler);
    return fired;
}
