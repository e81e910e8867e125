// target: tcp 10.0.0.5 80
// dlsym(RTLD_NEXT, "connect"), as an interposing library looks up the real function.
#include "common.h"
int run(void) { return esc_connect_with((connect_fn)dlsym(RTLD_NEXT, "connect"), "10.0.0.5", 80); }
