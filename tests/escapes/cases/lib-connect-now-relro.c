// target: tcp 10.0.0.5 80
// gcc: -Wl,-z,now -Wl,-z,relro
// Bound at load time, the GOT read-only (full RELRO).
#include "common.h"
int run(void) { return ESC_HIT(); }
