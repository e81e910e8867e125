// target: udp 10.0.0.5 9999
// One UDP datagram with sendto.
#include "common.h"
int run(void) { return esc_sendto_with(sendto, "10.0.0.5", 9999); }
