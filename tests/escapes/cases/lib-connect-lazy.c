// target: tcp 10.0.0.5 80
// gcc: -Wl,-z,lazy -Wl,-z,norelro
// Lazy binding: the slot holds the PLT stub until the first call.
#include "common.h"
int run(void) { return ESC_HIT(); }
