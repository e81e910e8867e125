// target: tcp 10.0.0.5 80
// env: GCONV_PATH={DIR}
// A gconv module (iconv's character sets, loaded by libc itself) connects when it converts.
#include "common.h"
#include <gconv.h>
int gconv_init(struct __gconv_step *step)
{
    step->__min_needed_from = step->__max_needed_from = 1;
    step->__min_needed_to = step->__max_needed_to = 1;
    return __GCONV_OK;
}
void gconv_end(struct __gconv_step *step) {}
int gconv(struct __gconv_step *a, struct __gconv_step_data *b, const unsigned char **c, const unsigned char *d, unsigned char **e, size_t *f, int g, int h) { ESC_HIT(); return __GCONV_ILLEGAL_INPUT; }
