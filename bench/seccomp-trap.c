/*
 * bench/seccomp-trap.c: what a seccomp SIGSYS trap costs per connect(2), the alternative
 * to GOT interposition measured for the libc layer (docs/design.md, "How it works").
 *
 *   gcc -O2 -o /tmp/seccomp-trap bench/seccomp-trap.c && /tmp/seccomp-trap 100000
 *
 * Times socket()+connect()+close() of a UDP socket to 127.0.0.1:9 (no packet is sent: a UDP
 * connect only sets the peer), first plainly, then under a seccomp filter that traps
 * connect with SECCOMP_RET_TRAP unless its sixth argument carries a magic value; the SIGSYS
 * handler re-issues the call with that value, as a policy check would after deciding.
 * Needs PR_SET_NO_NEW_PRIVS (irrevocable, inherited by children: the reason it was not
 * chosen). Run it as its own process: the filter cannot be removed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>
#include <time.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/seccomp.h>
#include <linux/filter.h>
#include <linux/audit.h>
#include <ucontext.h>
#define MAGIC 0x5eccull
static volatile long traps;
static void on_sigsys(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    traps++;
    long r = syscall(SYS_connect, g[REG_RDI], g[REG_RSI], g[REG_RDX], 0, 0, MAGIC);
    g[REG_RAX] = r < 0 ? -errno : r;
}
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static double bench(int n){
    struct sockaddr_in sa={.sin_family=AF_INET,.sin_port=htons(9),.sin_addr.s_addr=htonl(0x7f000001)};
    double t0=now();
    for(int i=0;i<n;i++){int fd=socket(AF_INET,SOCK_DGRAM,0); connect(fd,(void*)&sa,sizeof sa); close(fd);}
    return (now()-t0)/n*1e9;
}
int main(int argc,char**argv){
    int n=argc>1?atoi(argv[1]):200000;
    printf("plain: %.0f ns per socket+UDP connect+close\n", bench(n));
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data,nr)),
        BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, SYS_connect, 0, 4),
        BPF_STMT(BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data,args[5])),
        BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, MAGIC, 0, 1),
        BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_TRAP),
        BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog p={.len=sizeof f/sizeof f[0],.filter=f};
    struct sigaction a={0}; a.sa_sigaction=on_sigsys; a.sa_flags=SA_SIGINFO; sigaction(SIGSYS,&a,0);
    if(prctl(PR_SET_NO_NEW_PRIVS,1,0,0,0)){perror("nnp");return 1;}
    if(prctl(PR_SET_SECCOMP,SECCOMP_MODE_FILTER,&p)){perror("seccomp");return 1;}
    double t = bench(n); printf("seccomp trap: %.0f ns per socket+UDP connect+close (%ld traps)\n", t, traps);
    return 0;
}
