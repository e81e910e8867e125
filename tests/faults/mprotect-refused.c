/* tests/faults/mprotect-refused.c: a library whose own GOT cannot be made writable.
 *
 * Preloaded (LD_PRELOAD) into PHP with AES_REFUSE_MPROTECT set, its constructor installs a seccomp filter that fails
 * with EACCES every mprotect(2) asking for PROT_WRITE on this object's RELRO pages (its
 * GOT, with the slot of `connect`: built with -z relro -z now), as an SELinux or seccomp
 * policy of a hardened host would; every other mprotect goes through. The libc layer then
 * cannot guard this object's `connect`: unguarded.py checks that the process says so
 * once, `php --ri` shows it, and every socket call beneath C libraries the layer sees is
 * refused, while `esc_unguarded_connect()` (this object's own, real connect) shows the
 * slot really kept the real function.
 *
 *   gcc -shared -fPIC -O1 -Wl,-z,relro,-z,now -I../escapes -o libmprotect-refused.so mprotect-refused.c
 */
#include "common.h" /* tests/escapes: esc_connect_with() */
#include <link.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

/* TCP connect to ip:port through this object's GOT slot of connect; 0 or the errno. */
int esc_unguarded_connect(const char *ip, int port)
{
    return esc_connect_with(connect, ip, port);
}

static unsigned long relro_lo, relro_hi;

static int find_relro(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (info->dlpi_addr != (ElfW(Addr))data)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_GNU_RELRO) {
            relro_lo = (info->dlpi_addr + ph->p_vaddr) & ~4095UL;
            relro_hi = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + 4095) & ~4095UL;
        }
    }
    return 1;
}

__attribute__((constructor)) static void refuse_mprotect_of_own_got(void)
{
    Dl_info me;
    if (!getenv("AES_REFUSE_MPROTECT"))
        return;
    if (!dladdr((void *)esc_unguarded_connect, &me))
        return;
    dl_iterate_phdr(find_relro, me.dli_fbase);
    if (!relro_lo)
        return;
    /* The RELRO segment is one or two pages: refuse PROT_WRITE for an address in it. */
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mprotect, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2])),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_WRITE, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* High half of the address. */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]) + 4),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)(relro_lo >> 32), 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* Low half: relro_lo <= low < relro_hi (the segment does not cross 4 GiB). */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)relro_lo, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)relro_hi, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
    };
    struct sock_fprog prog = {.len = sizeof f / sizeof f[0], .filter = f};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
        perror("mprotect-refused: seccomp");
}
