/*
 * test_qr_mask.c - vqr_qr_encode gives, module for module, the symbol
 * libqrencode's own QRcode_encodeInput gives (lib/qr_mask.c chooses the
 * data mask in its place when libqrencode exports QRcode_encodeMask): on
 * random text of every length at every level, on runs of one character
 * (long runs of one colour, finder-like patterns of every width), on UTF-8
 * text (with the ECI designator) and at every version, 1 to 40.
 */
#define _GNU_SOURCE 1 /* RTLD_DEFAULT */

#include "testutil.h"

#include <dlfcn.h>
#include <qrencode.h>
#include <stdio.h>

static unsigned rnd_state;

static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

/* Compares the two encoders on one payload; returns the version. */
static int same_symbol(const char *p, size_t len, vqr_ecc ecc)
{
    vqr_qr *qr = NULL;
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_msg(vqr_qr_encode(p, len, ecc, NULL, &qr, &err) == VQR_OK, "%zu bytes: %s", len,
                  err.message);

    bool eci = false;
    for (size_t i = 0; i < len; i++)
        eci |= (unsigned char)p[i] >= 0x80;
    QRinput *in = QRinput_new2(0, (QRecLevel)(ecc - VQR_ECC_L));
    ck_assert_ptr_nonnull(in);
    if (eci)
        ck_assert_int_eq(QRinput_appendECIheader(in, 26), 0);
    ck_assert_int_eq(QRinput_append(in, QR_MODE_8, (int)len, (const unsigned char *)p), 0);
    QRcode *c = QRcode_encodeInput(in);
    ck_assert_ptr_nonnull(c);

    int w = c->width;
    ck_assert_int_eq(vqr_qr_width(qr), w);
    ck_assert_int_eq(vqr_qr_version(qr), c->version);
    /* One assertion per symbol: Check records every assertion it runs. */
    int bad = -1;
    for (int i = 0; i < w * w && bad < 0; i++)
        if (vqr_qr_module(qr, i % w, i / w) != (c->data[i] & 1))
            bad = i;
    ck_assert_msg(bad < 0, "%zu bytes at level %d: module (%d, %d) differs", len, (int)ecc, bad % w,
                  bad / w);
    int version = c->version;
    QRcode_free(c);
    QRinput_free(in);
    vqr_qr_free(qr);
    return version;
}

/* Loop index: the level, VQR_ECC_L .. VQR_ECC_H. */
START_TEST(random_text)
{
    char buf[1300];
    rnd_state = 7u + (unsigned)_i;
    for (int t = 0; t < (int)test_rounds(150); t++) {
        size_t len = 1 + rnd() % (t % 15 == 0 ? 1270u : 300u);
        for (size_t i = 0; i < len; i++)
            buf[i] = (char)(0x20 + rnd() % 95);
        same_symbol(buf, len, (vqr_ecc)_i);
    }
}
END_TEST

/* Long runs of one colour, and finder-like 1:1:3:1:1 patterns of width 2
 * and more, come from repetitive input. */
START_TEST(repetitive_text)
{
    static const char *const units[] = { "0",  "A",         "\x7f", " ", "00",
                                         "0A", "~~~~~~~~0", "U",    "3", "000000000000000F" };
    char buf[1300];
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]);
        /* Under memcheck lengths double: every mode and size class still runs. */
        for (size_t len = 1; len < sizeof buf;
             len = under_memcheck() ? len * 2 + 1 : len * 5 / 4 + 1) {
            for (size_t i = 0; i < len; i++)
                buf[i] = units[u][i % ul];
            for (int ecc = VQR_ECC_L; ecc <= VQR_ECC_H; ecc++)
                if (len <= 1000 || ecc == VQR_ECC_L)
                    same_symbol(buf, len, (vqr_ecc)ecc);
        }
    }
}
END_TEST

/* Vietnamese text: the ECI header, then Byte mode. */
START_TEST(utf8_text)
{
    static const char *const words[] = { "Thanh toán ", "viện phí ",    "học phí ", "đợt ",
                                         "1 ",          "Hồ Chí Minh ", "Đà Nẵng ", "ưu tiên " };
    char buf[1300];
    rnd_state = 99u;
    for (int t = 0; t < (int)test_rounds(200); t++) {
        size_t len = 0, want = 5 + rnd() % 400;
        while (len < want) {
            const char *w = words[rnd() % 8];
            size_t wl = strlen(w);
            memcpy(buf + len, w, wl);
            len += wl;
        }
        same_symbol(buf, len, (vqr_ecc)(VQR_ECC_L + t % 4));
    }
}
END_TEST

/* Every version at every level: lengths grow by less than the smallest
 * step between two versions' capacities, until the largest fails. */
START_TEST(every_version)
{
    char buf[3000];
    rnd_state = 2026u;
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(0x20 + rnd() % 95);
    /* Under memcheck the lowest and the highest level: every version still runs. */
    for (int ecc = VQR_ECC_L; ecc <= VQR_ECC_H;
         ecc += under_memcheck() ? VQR_ECC_H - VQR_ECC_L : 1) {
        bool seen[41] = { false };
        for (size_t len = 1; len < sizeof buf; len += 1 + len / 60) {
            vqr_qr *qr = NULL;
            vqr_error err;
            VQR_INIT(&err);
            if (vqr_qr_encode(buf, len, (vqr_ecc)ecc, NULL, &qr, &err) != VQR_OK) {
                ck_assert_int_eq(err.code, VQR_ERR_QR_TOO_LONG);
                break;
            }
            vqr_qr_free(qr);
            seen[same_symbol(buf, len, (vqr_ecc)ecc)] = true;
        }
        for (int v = 1; v <= 40; v++)
            ck_assert_msg(seen[v], "level %d: version %d not reached", ecc, v);
    }
}
END_TEST

static Suite *qr_mask_suite(void)
{
    Suite *s = suite_create("qr-mask");
    TCase *tc = tcase_create("same-as-libqrencode");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, random_text, VQR_ECC_L, VQR_ECC_H + 1);
    tcase_add_test(tc, repetitive_text);
    tcase_add_test(tc, utf8_text);
    tcase_add_test(tc, every_version);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    /* With the lookup failing, vqr_qr_encode calls QRcode_encodeInput
     * itself: comparing with it would compare libqrencode with itself. */
#ifdef VQR_TEST_MASK_LOOKUP_OFF
    printf("SKIP: built with -Dqrencode_mask_lookup=false: libvietqr lets libqrencode choose "
           "the mask, nothing to compare\n");
    return 77;
#else
    if (dlsym(RTLD_DEFAULT, "QRcode_encodeMask") == NULL) {
        printf("SKIP: the loaded libqrencode does not export QRcode_encodeMask: libvietqr lets "
               "it choose the mask, nothing to compare\n");
        return 77;
    }
#endif
    return run_suite(qr_mask_suite());
}
