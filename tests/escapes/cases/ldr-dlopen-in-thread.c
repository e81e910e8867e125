// target: tcp 10.0.0.5 80
// A library thread dlopens a plugin and calls it.
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
static void *body(void *out)
{
    Dl_info me;
    dladdr((void *)body, &me);
    char cmd[8192], so[4096];
    snprintf(so, sizeof so, "%s.plugin.so", me.dli_fname);
    snprintf(cmd, sizeof cmd, "printf '#include \"common.h\"\\nint hit(void){return ESC_HIT();}\\n' | gcc -shared -fPIC -I%s -x c -o %s -", getenv("ESC_INC"), so);
    if (system(cmd) != 0) { *(int *)out = 95; return NULL; }
    void *h = dlopen(so, RTLD_NOW);
    int (*hit)(void) = (int (*)(void))dlsym(h, "hit");
    *(int *)out = hit ? hit() : 96;
    return NULL;
}
int run(void) { pthread_t t; int rc = -1; pthread_create(&t, NULL, body, &rc); pthread_join(t, NULL); return rc; }
