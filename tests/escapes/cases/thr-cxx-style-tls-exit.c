// target: udp 10.0.0.5 9999
// A thread's __cxa_thread_atexit destructor (C++ thread_local) sends a datagram.
#include "common.h"
extern int __cxa_thread_atexit_impl(void (*)(void *), void *, void *);
extern void *__dso_handle;
static void at_exit(void *v) { (void)v; esc_sendto_with(sendto, "10.0.0.5", 9999); }
static void *body(void *v) { __cxa_thread_atexit_impl(at_exit, v, &__dso_handle); return NULL; }
int run(void)
{
    pthread_t t;
    pthread_create(&t, NULL, body, NULL);
    pthread_join(t, NULL);
    return 0;
}
