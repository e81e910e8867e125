// target: tcp 10.0.0.5 80
// A pointer to connect stored in data at link time (R_X86_64_64).
#include "common.h"
connect_fn esc_table[] = { connect };
int run(void) { return esc_connect_with(esc_table[0], "10.0.0.5", 80); }
