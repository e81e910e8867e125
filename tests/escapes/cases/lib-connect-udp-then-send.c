// target: udp 10.0.0.5 9999
// A connected UDP socket, then send() without an address.
#include "common.h"
int run(void)
{
    struct sockaddr_in sin = esc_sin("10.0.0.5", 9999);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (connect(fd, (struct sockaddr *)&sin, sizeof sin) != 0) { int e = errno; close(fd); return e; }
    int rc = send(fd, "x", 1, 0) == 1 ? 0 : errno;
    close(fd);
    return rc;
}
