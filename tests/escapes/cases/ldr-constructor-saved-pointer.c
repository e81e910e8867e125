// target: tcp 10.0.0.5 80
// The constructor saves connect's address (read from the GOT during loading); run() calls it.
#include "common.h"
static connect_fn saved;
__attribute__((constructor)) static void at_load(void) { saved = connect; }
int run(void) { return esc_connect_with(saved, "10.0.0.5", 80); }
