// target: tcp 10.0.0.5 80
// gcc: -fno-plt
// connect called through the GOT without a PLT (R_X86_64_GLOB_DAT).
#include "common.h"
int run(void) { return ESC_HIT(); }
