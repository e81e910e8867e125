// target: udp 10.0.0.5 9999
// A thread sends a datagram from a pthread_key destructor, as it exits.
#include "common.h"
static pthread_key_t key;
static void at_exit(void *v) { (void)v; esc_sendto_with(sendto, "10.0.0.5", 9999); }
static void *body(void *v) { pthread_setspecific(key, v); return NULL; }
int run(void)
{
    pthread_t t;
    pthread_key_create(&key, at_exit);
    pthread_create(&t, NULL, body, (void *)1);
    pthread_join(t, NULL);
    return 0;
}
