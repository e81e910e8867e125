// target: tcp 10.0.0.5 80
// An IPv4-mapped IPv6 address (::ffff:10.0.0.5) on an AF_INET6 socket.
#include "common.h"
int run(void) { return esc_connect6("::ffff:10.0.0.5", 80); }
