// target: udp 10.0.0.5 9999
// gcc: -lrt
// POSIX AIO's worker thread writes to a UDP socket connected before (the connect is judged).
#include "common.h"
#include <aio.h>
int run(void)
{
    struct sockaddr_in sin = esc_sin("10.0.0.5", 9999);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (connect(fd, (struct sockaddr *)&sin, sizeof sin) != 0) { int e = errno; close(fd); return e; }
    struct aiocb cb = { .aio_fildes = fd, .aio_buf = "x", .aio_nbytes = 1 };
    if (aio_write(&cb) != 0) return errno;
    const struct aiocb *list[1] = { &cb };
    aio_suspend(list, 1, NULL);
    int rc = aio_error(&cb);
    close(fd);
    return rc;
}
