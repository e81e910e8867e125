// target: tcp 10.0.0.5 80
// A pointer to connect stored in data at link time (R_X86_64_64).
#include "common.h"
static connect_fn table[] = { connect };
int run(void) { return esc_connect_with(table[0], "10.0.0.5", 80); }
