// target: tcp 10.0.0.5 80
// dlvsym(RTLD_DEFAULT, "connect", "GLIBC_2.2.5").
#include "common.h"
int run(void) { return esc_connect_with((connect_fn)dlvsym(RTLD_DEFAULT, "connect", "GLIBC_2.2.5"), "10.0.0.5", 80); }
