// target: udp 10.0.0.5 9999
// One UDP datagram with sendmsg and a msg_name.
#include "common.h"
int run(void)
{
    struct sockaddr_in sin = esc_sin("10.0.0.5", 9999);
    struct iovec iov = { "x", 1 };
    struct msghdr m = { .msg_name = &sin, .msg_namelen = sizeof sin, .msg_iov = &iov, .msg_iovlen = 1 };
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int rc = sendmsg(fd, &m, 0) == 1 ? 0 : errno;
    close(fd);
    return rc;
}
