// target: tcp 10.0.0.5 80
// A library resolves a name (private.test -> 10.0.0.5) and connects to what it got.
#include "common.h"
#include <netdb.h>
int run(void)
{
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *res;
    if (getaddrinfo("private.test", "80", &hints, &res) != 0) return 99;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int rc = connect(fd, res->ai_addr, res->ai_addrlen) == 0 ? 0 : errno;
    close(fd);
    freeaddrinfo(res);
    return rc;
}
