/* Helpers for the C cases of tests/escapes (each case: `int run(void)`, called by
 * driver.php through FFI; 0 when its socket call went through, else the errno). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef int (*connect_fn)(int, const struct sockaddr *, socklen_t);
typedef ssize_t (*sendto_fn)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);

static struct sockaddr_in esc_sin(const char *ip, int port)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    inet_pton(AF_INET, ip, &sin.sin_addr);
    return sin;
}

/* TCP connect to ip:port through `fn` (the connect this case got hold of). */
static int esc_connect_with(connect_fn fn, const char *ip, int port)
{
    struct sockaddr_in sin = esc_sin(ip, port);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return errno;
    int rc = fn(fd, (struct sockaddr *)&sin, sizeof sin) == 0 ? 0 : errno;
    close(fd);
    return rc;
}

/* One UDP datagram to ip:port through `fn`. */
static int esc_sendto_with(sendto_fn fn, const char *ip, int port)
{
    struct sockaddr_in sin = esc_sin(ip, port);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return errno;
    int rc = fn(fd, "x", 1, 0, (struct sockaddr *)&sin, sizeof sin) == 1 ? 0 : errno;
    close(fd);
    return rc;
}

/* The usual target: the catcher's TCP port 80 on a private address. */
#define ESC_HIT() esc_connect_with(connect, "10.0.0.5", 80)

/* Keep this library mapped after PHP unloads it: a notification thread glibc started
 * may still be returning through its code when PHP ends. */
static void esc_pin(void)
{
    Dl_info me;
    if (dladdr((void *)esc_pin, &me))
        dlopen(me.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

/* TCP connect to an IPv6 address (any form inet_pton takes) through connect. */
static int esc_connect6(const char *ip, int port)
{
    struct sockaddr_in6 s6;
    memset(&s6, 0, sizeof s6);
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(port);
    inet_pton(AF_INET6, ip, &s6.sin6_addr);
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    int rc = connect(fd, (struct sockaddr *)&s6, sizeof s6) == 0 ? 0 : errno;
    close(fd);
    return rc;
}
