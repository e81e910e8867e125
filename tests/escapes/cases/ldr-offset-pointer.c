// target: tcp 10.0.0.5 80
// A pointer to connect+16 stored at link time (R_X86_64_64 with an addend); called at -16.
#include "common.h"
static char *p = (char *)connect + 16;
int run(void) { return esc_connect_with((connect_fn)(p - 16), "10.0.0.5", 80); }
