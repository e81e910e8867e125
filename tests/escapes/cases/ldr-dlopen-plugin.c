// target: tcp 10.0.0.5 80
// The library dlopens a plugin (built beside it) whose function connects.
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
int run(void)
{
    Dl_info me;
    dladdr((void *)run, &me);
    char cmd[8192], so[4096];
    snprintf(so, sizeof so, "%s.plugin.so", me.dli_fname);
    snprintf(cmd, sizeof cmd, "printf '#include \"common.h\"\\nint hit(void){return ESC_HIT();}\\n' | gcc -shared -fPIC -I%s -x c -o %s -", getenv("ESC_INC"), so);
    if (system(cmd) != 0) return 95;
    void *h = dlopen(so, RTLD_NOW);
    int (*hit)(void) = (int (*)(void))dlsym(h, "hit");
    return hit ? hit() : 96;
}
