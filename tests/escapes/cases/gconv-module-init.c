// target: tcp 10.0.0.5 80
// env: GCONV_PATH={DIR}
// not-covered: a gconv module's gconv_init runs inside iconv_open, before the object can be patched
// A gconv module (iconv's character sets, loaded by libc itself) connects when it starts.
#include "common.h"
#include <gconv.h>
int gconv_init(struct __gconv_step *step) { ESC_HIT(); return __GCONV_NOCONV; }
void gconv_end(struct __gconv_step *step) {}
int gconv(struct __gconv_step *a, struct __gconv_step_data *b, const unsigned char **c, const unsigned char *d, unsigned char **e, size_t *f, int g, int h) { return __GCONV_NOCONV; }
