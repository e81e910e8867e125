// target: tcp 10.0.0.5 80
// gcc: -lrt
// POSIX AIO's completion runs a function on a helper thread (SIGEV_THREAD).
#include "common.h"
#include <aio.h>
#include <fcntl.h>
#include <semaphore.h>
#include <signal.h>
static sem_t done; static int result = -1; static char buf[16];
static void fire(union sigval v) { (void)v; result = ESC_HIT(); sem_post(&done); }
int run(void)
{
    esc_pin();
    int fd = open("/dev/zero", O_RDONLY);
    struct aiocb cb = { .aio_fildes = fd, .aio_buf = buf, .aio_nbytes = sizeof buf };
    cb.aio_sigevent.sigev_notify = SIGEV_THREAD;
    cb.aio_sigevent.sigev_notify_function = fire;
    sem_init(&done, 0, 0);
    if (aio_read(&cb) != 0) return errno;
    sem_wait(&done);
    close(fd);
    return result;
}
