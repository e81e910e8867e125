// target: tcp 10.0.0.5 80
// not-covered: a constructor runs inside dlopen, before the new object can be patched (docs/differences.md)
// The library dlopens a plugin whose constructor connects.
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
int run(void)
{
    Dl_info me;
    dladdr((void *)run, &me);
    char cmd[8192], so[4096];
    snprintf(so, sizeof so, "%s.plugin.so", me.dli_fname);
    snprintf(cmd, sizeof cmd, "printf '#include \"common.h\"\\n__attribute__((constructor)) static void c(void){ESC_HIT();}\\n' | gcc -shared -fPIC -I%s -x c -o %s -", getenv("ESC_INC"), so);
    if (system(cmd) != 0) return 95;
    return dlopen(so, RTLD_NOW) ? 0 : 96;
}
