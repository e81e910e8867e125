// target: self
// bind with sa_family AF_UNSPEC to 0.0.0.0:5353 (bound as AF_INET).
#include "common.h"
#include <stdio.h>
int run(void)
{
    struct sockaddr_in sin = esc_sin("0.0.0.0", 5353);
    sin.sin_family = AF_UNSPEC;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (bind(fd, (struct sockaddr *)&sin, sizeof sin) != 0) { int e = errno; close(fd); return e; }
    printf("REACHED bound\n");
    fflush(stdout);
    close(fd);
    return 0;
}
