// target: tcp 10.0.0.5 80
// soname: libnss_aesesc.so.2
// env: LD_LIBRARY_PATH={DIR}
// nsswitch: hosts: aesesc files dns
// The NSS module, loaded by a lookup before, connects in a later one.
#include "common.h"
#include <netdb.h>
#include <nss.h>
#include <stdlib.h>
enum nss_status _nss_aesesc_gethostbyname2_r(const char *name, int af, struct hostent *h, char *buf, size_t len, int *err, int *herr)
{
    if (strcmp(name, "second.test") == 0) ESC_HIT();
    *err = ENOENT; *herr = HOST_NOT_FOUND;
    return NSS_STATUS_NOTFOUND;
}
enum nss_status _nss_aesesc_gethostbyname_r(const char *name, struct hostent *h, char *buf, size_t len, int *err, int *herr)
{
    return _nss_aesesc_gethostbyname2_r(name, AF_INET, h, buf, len, err, herr);
}
