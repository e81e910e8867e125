// target: tcp 10.0.0.5 80
// An IPv4-mapped IPv6 address (::ffff:10.0.0.5) on an AF_INET6 socket.
#include "common.h"
int run(void)
{
    struct sockaddr_in6 s6;
    memset(&s6, 0, sizeof s6);
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(80);
    inet_pton(AF_INET6, "::ffff:10.0.0.5", &s6.sin6_addr);
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    int rc = connect(fd, (struct sockaddr *)&s6, sizeof s6) == 0 ? 0 : errno;
    close(fd);
    return rc;
}
