/*
 * header_c99.c - vietqr.h compiles as strict C99 (-std=c99 -pedantic
 * -Werror, set in tests/meson.build) and its constants hold what they say.
 */
#include <vietqr.h>

#include <stdio.h>

/* Every public type is complete and usable from C99. */
static int check(void)
{
    vqr_error err = {
        sizeof(vqr_error), VQR_OK, VQR_SEVERITY_ERROR, 0, 0, 0, 0, "", NULL, NULL, NULL
    };
    vqr_view view = { NULL, 0, 0 };
    vqr_object obj;
    VQR_INIT(&obj);
    vqr_handle h = VQR_NONE;
    vqr_parse_flags pf = VQR_PARSE_LENIENT;
    vqr_write_flags wf = VQR_WRITE_KEEP_ORDER;
    vqr_severity sev = VQR_SEVERITY_WARNING;
    int bad = 0;

    (void)obj;
    bad |= vqr_version() != (uint32_t)VQR_VERSION;
    bad |= sizeof(vqr_payload) != vqr_payload_sizeof();
    bad |= VQR_PAYLOAD_BUF_SIZE != 4 * VQR_PAYLOAD_MAX_CHARS + 1;
    bad |= h != VQR_ROOT || err.code != VQR_OK || view.ptr != NULL;
    bad |= (unsigned)pf != 1u || (unsigned)wf != 1u || sev != 1;
    bad |= sizeof err.tag != VQR_TAG_MAX;
    return bad;
}

int main(void)
{
    if (check()) {
        fprintf(stderr, "vietqr.h constants disagree with the library\n");
        return 1;
    }
    return 0;
}
