// target: self
// A library opens a listening socket and accepts a connection on it.
#include "common.h"
#include <stdio.h>
int run(void)
{
    struct sockaddr_in sin = esc_sin("127.0.0.1", 0);
    socklen_t len = sizeof sin;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(fd, (struct sockaddr *)&sin, sizeof sin) != 0 || listen(fd, 1) != 0) { int e = errno; close(fd); return e; }
    getsockname(fd, (struct sockaddr *)&sin, &len);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&sin, sizeof sin);
    int a = accept(fd, NULL, NULL);
    if (a >= 0) { printf("REACHED accepted\n"); fflush(stdout); close(a); }
    close(c); close(fd);
    return a >= 0 ? 0 : errno;
}
