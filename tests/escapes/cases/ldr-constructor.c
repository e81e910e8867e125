// target: tcp 10.0.0.5 80
// not-covered: a constructor runs inside dlopen, before the new object can be patched (docs/differences.md)
// The library's constructor connects while dlopen loads it (FFI::cdef's dlopen).
#include "common.h"
__attribute__((constructor)) static void at_load(void) { ESC_HIT(); }
int run(void) { return 0; }
