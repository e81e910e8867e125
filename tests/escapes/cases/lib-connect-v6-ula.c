// target: tcp fd00::5 80
// A unique local IPv6 address (fd00::/8).
#include "common.h"
int run(void) { return esc_connect6("fd00::5", 80); }
