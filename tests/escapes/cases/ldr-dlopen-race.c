// target: self
// Two library threads dlopen and dlclose plugins over and over (full RELRO, each
// importing connect): each guarded dlopen walks every loaded object while the other
// thread's dlopen may have listed its plugin but not yet relocated it. A slot the walk
// wrote before the dynamic linker relocated it would be overwritten with the real connect
// (the plugin's hit() then reaches 10.0.0.5), and a RELRO page made read-only before the
// linker wrote it would crash PHP ("broke"). run(ext): without the extension (ext == 0)
// one plugin's hit() reaches the target; with it, hit() is called only when a plugin's
// connect slot does not hold the guarded connect after its dlopen returned.
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
static void *guarded_ref;
static int ext_loaded;
static char plugin[2][4096];
static volatile int reached, loads;
static void *loop(void *which)
{
    const char *so = plugin[(long)which];
    for (int i = 0; i < 400 && !reached; i++) {
        void *h = dlopen(so, RTLD_NOW);
        if (!h)
            continue;
        void *(*slot)(void) = (void *(*)(void))dlsym(h, "slot");
        int (*hit)(void) = (int (*)(void))dlsym(h, "hit");
        __atomic_add_fetch(&loads, 1, __ATOMIC_RELAXED);
        if (slot && hit && (!ext_loaded || slot() != guarded_ref) && hit() == 0)
            reached = 1;
        dlclose(h);
    }
    return NULL;
}
int run(int ext)
{
    Dl_info me;
    dladdr((void *)run, &me);
    char cmd[16384];
    ext_loaded = ext;
    guarded_ref = (void *)&connect;
    for (int k = 0; k < 2; k++) {
        snprintf(plugin[k], sizeof plugin[k], "%s.victim%d.so", me.dli_fname, k);
        /* Many relocations (a table of pointers) to widen the linker's relocation step. */
        snprintf(cmd, sizeof cmd,
                 "{ printf '#include \"common.h\"\\nvoid *slot(void){return (void *)&connect;}\\nint hit(void){return ESC_HIT();}\\n';"
                 " for i in $(seq 3000); do printf 'void f%%d(void){}\\n' $i; done;"
                 " printf 'void (*table[])(void) = {'; for i in $(seq 3000); do printf 'f%%d,' $i; done; printf '};\\n'; }"
                 " | gcc -shared -fPIC -Wl,-z,relro,-z,now -I%s -x c -o %s -",
                 getenv("ESC_INC"), plugin[k]);
        if (system(cmd) != 0)
            return -95;
    }
    pthread_t t[2];
    for (long k = 0; k < 2; k++)
        pthread_create(&t[k], NULL, loop, (void *)k);
    for (int k = 0; k < 2; k++)
        pthread_join(t[k], NULL);
    return reached ? 1000000 + loads : loads;
}
