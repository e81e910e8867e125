// target: tcp 10.0.0.5 80
// soname: libnss_aesesc.so.2
// env: LD_LIBRARY_PATH={DIR}
// nsswitch: hosts: aesesc files dns
// An NSS module glibc loads by itself connects during libcurl's getaddrinfo.
#include "common.h"
#include <netdb.h>
#include <nss.h>
enum nss_status _nss_aesesc_gethostbyname2_r(const char *name, int af, struct hostent *h, char *buf, size_t len, int *err, int *herr)
{
    ESC_HIT();
    *err = ENOENT; *herr = HOST_NOT_FOUND;
    return NSS_STATUS_NOTFOUND;
}
