// target: tcp 10.0.0.5 80
// glibc's exported alias __connect, imported directly.
#include "common.h"
extern int __connect(int, const struct sockaddr *, socklen_t);
int run(void) { return esc_connect_with(__connect, "10.0.0.5", 80); }
