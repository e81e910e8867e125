// target: tcp 10.0.0.5 80
// not-covered: a pointer to a real function saved in heap memory while the library was loaded is not seen
// The constructor saves connect's address in memory it allocated.
#include "common.h"
#include <stdlib.h>
static connect_fn *saved;
__attribute__((constructor)) static void at_load(void) { saved = malloc(sizeof *saved); *saved = connect; }
int run(void) { return esc_connect_with(*saved, "10.0.0.5", 80); }
