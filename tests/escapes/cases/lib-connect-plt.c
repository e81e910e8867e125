// target: tcp 10.0.0.5 80
// A library's connect through its PLT (R_X86_64_JUMP_SLOT).
#include "common.h"
int run(void) { return ESC_HIT(); }
