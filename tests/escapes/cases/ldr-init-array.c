// target: tcp 10.0.0.5 80
// not-covered: a constructor runs inside dlopen, before the new object can be patched (docs/differences.md)
// A function in .init_array (not marked constructor) connects during loading.
#include "common.h"
static void at_load(void) { ESC_HIT(); }
__attribute__((section(".init_array"), used)) static void (*init)(void) = at_load;
int run(void) { return 0; }
