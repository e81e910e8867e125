// target: udp 10.0.0.5 9999
// sendmmsg with msg_name's family AF_UNSPEC.
#include "common.h"
int run(void)
{
    struct sockaddr_in sin = esc_sin("10.0.0.5", 9999);
    sin.sin_family = AF_UNSPEC;
    struct iovec iov = { "x", 1 };
    struct mmsghdr m = { .msg_hdr = { .msg_name = &sin, .msg_namelen = sizeof sin, .msg_iov = &iov, .msg_iovlen = 1 } };
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int rc = sendmmsg(fd, &m, 1, 0) == 1 ? 0 : errno;
    close(fd);
    return rc;
}
