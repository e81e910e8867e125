// target: tcp 10.0.0.5 80
// A library loaded into a new namespace (dlmopen) connects through its own libc.
#include "common.h"
#include <stdio.h>
int run(void)
{
    Dl_info me;
    dladdr((void *)run, &me);
    char path[4096];
    snprintf(path, sizeof path, "%s", me.dli_fname);
    void *h = dlmopen(LM_ID_NEWLM, path, RTLD_NOW);
    if (!h) return 97;
    int (*hit)(void) = (int (*)(void))dlsym(h, "hit");
    return hit ? hit() : 96;
}
int hit(void) { return ESC_HIT(); }
