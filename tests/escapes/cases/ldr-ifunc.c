// target: tcp 10.0.0.5 80
// gcc: -Wl,-z,now
// The library's own local ifunc resolves to connect while it is loaded (an IRELATIVE slot).
#include "common.h"
static connect_fn resolve(void) { return connect; }
static int my_connect(int, const struct sockaddr *, socklen_t) __attribute__((ifunc("resolve")));
int run(void) { return esc_connect_with(my_connect, "10.0.0.5", 80); }
