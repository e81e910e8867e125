// target: udp 10.0.0.5 9999
// An allowed datagram, then a refused one, in one sendmmsg.
#include "common.h"
int run(void)
{
    struct sockaddr_in ok = esc_sin("11.0.0.1", 9999), bad = esc_sin("10.0.0.5", 9999);
    struct iovec iov = { "x", 1 };
    struct mmsghdr m[2];
    memset(m, 0, sizeof m);
    m[0].msg_hdr = (struct msghdr){ .msg_name = &ok, .msg_namelen = sizeof ok, .msg_iov = &iov, .msg_iovlen = 1 };
    m[1].msg_hdr = (struct msghdr){ .msg_name = &bad, .msg_namelen = sizeof bad, .msg_iov = &iov, .msg_iovlen = 1 };
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int n = sendmmsg(fd, m, 2, 0);
    close(fd);
    return n == 2 ? 0 : n < 0 ? errno : 100 + n;
}
