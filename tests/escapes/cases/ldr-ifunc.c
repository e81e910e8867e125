// target: tcp 10.0.0.5 80
// The library's own ifunc resolves to connect (an IRELATIVE slot filled while loading).
#include "common.h"
static connect_fn resolve(void) { return connect; }
int my_connect(int, const struct sockaddr *, socklen_t) __attribute__((ifunc("resolve")));
int run(void) { return esc_connect_with(my_connect, "10.0.0.5", 80); }
