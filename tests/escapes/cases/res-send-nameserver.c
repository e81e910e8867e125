// target: udp 10.0.0.5 53
// gcc: -lresolv
// res_send of a hand-made query to a nameserver the library chose.
#include "common.h"
#include <arpa/nameser.h>
#include <resolv.h>
int run(void)
{
    unsigned char q[512], answer[512];
    res_init();
    _res.nscount = 1;
    _res.nsaddr_list[0] = esc_sin("10.0.0.5", 53);
    _res.retry = 1; _res.retrans = 1;
    int n = res_mkquery(QUERY, "escape.test", C_IN, T_A, NULL, 0, NULL, q, sizeof q);
    res_send(q, n, answer, sizeof answer);
    return 0;
}
