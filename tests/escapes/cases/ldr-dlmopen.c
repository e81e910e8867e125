// target: tcp 10.0.0.5 80
// A new link-map namespace (dlmopen) with its own libc; its connect.
#include "common.h"
int run(void)
{
    void *h = dlmopen(LM_ID_NEWLM, "libc.so.6", RTLD_NOW);
    if (!h) return 97;
    return esc_connect_with((connect_fn)dlsym(h, "connect"), "10.0.0.5", 80);
}
