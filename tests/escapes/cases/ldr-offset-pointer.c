// target: tcp 10.0.0.5 80
// A pointer to connect+16 stored at link time (R_X86_64_64 with an addend); called at -16.
#include "common.h"
char *esc_offset_pointer = (char *)connect + 16;
int run(void) { return esc_connect_with((connect_fn)(esc_offset_pointer - 16), "10.0.0.5", 80); }
