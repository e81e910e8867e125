// target: udp 10.0.0.5 53
// gcc: -lresolv
// res_nquery with a resolver state of the library's own.
#include "common.h"
#include <arpa/nameser.h>
#include <resolv.h>
int run(void)
{
    static struct __res_state st;
    unsigned char answer[512];
    res_ninit(&st);
    st.nscount = 1;
    st.nsaddr_list[0] = esc_sin("10.0.0.5", 53);
    st.retry = 1; st.retrans = 1;
    res_nquery(&st, "escape.test", C_IN, T_A, answer, sizeof answer);
    res_nclose(&st);
    return 0;
}
