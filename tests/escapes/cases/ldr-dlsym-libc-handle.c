// target: tcp 10.0.0.5 80
// dlsym on a handle of libc.so.6 itself.
#include "common.h"
int run(void)
{
    void *h = dlopen("libc.so.6", RTLD_NOW);
    return esc_connect_with((connect_fn)dlsym(h, "connect"), "10.0.0.5", 80);
}
