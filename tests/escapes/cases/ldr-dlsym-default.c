// target: tcp 10.0.0.5 80
// dlsym(RTLD_DEFAULT, "connect").
#include "common.h"
int run(void) { return esc_connect_with((connect_fn)dlsym(RTLD_DEFAULT, "connect"), "10.0.0.5", 80); }
