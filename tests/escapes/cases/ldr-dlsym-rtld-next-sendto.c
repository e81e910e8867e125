// target: udp 10.0.0.5 9999
// dlsym(RTLD_NEXT, "sendto").
#include "common.h"
int run(void) { return esc_sendto_with((sendto_fn)dlsym(RTLD_NEXT, "sendto"), "10.0.0.5", 9999); }
