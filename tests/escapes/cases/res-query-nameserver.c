// target: udp 10.0.0.5 53
// gcc: -lresolv
// res_query with a nameserver the library chose (_res.nsaddr_list): DNS-shaped UDP from libc.
#include "common.h"
#include <arpa/nameser.h>
#include <resolv.h>
int run(void)
{
    unsigned char answer[512];
    res_init();
    _res.nscount = 1;
    _res.nsaddr_list[0] = esc_sin("10.0.0.5", 53);
    _res.retry = 1; _res.retrans = 1;
    res_query("escape.test", C_IN, T_A, answer, sizeof answer);
    return 0;
}
