/*
 * test_text.c - vqr_text_fold() and vqr_text_nfc(): every Vietnamese
 * letter in NFC and NFD, sentences, characters with no ASCII form,
 * control characters, strict mode, malformed UTF-8, NFC bytes, buffers.
 *
 * The reference forms of the letters are built with utf8proc's own
 * utf8proc_NFC() / utf8proc_NFD(), independently of the library's code.
 */
#include "testutil.h"

#include <stdint.h>
#include <utf8proc.h>

/* Error struct filled with garbage before each call, so a field the
 * library forgets to set fails the test. */
#define POISON(e) (memset(&(e), 0xFF, sizeof(e)), (e).size = sizeof(e))

typedef struct fold_result {
    vqr_status st;
    char out[512];
    size_t len;
    size_t changed;
    vqr_error err;
} fold_result;

static fold_result fold_n(const char *in, size_t len, unsigned flags)
{
    fold_result r;
    memset(r.out, '#', sizeof r.out);
    POISON(r.err);
    r.len = r.changed = 12345;
    r.st = vqr_text_fold(in, len, flags, r.out, sizeof r.out, &r.len, &r.changed, &r.err);
    return r;
}

static fold_result fold(const char *in, unsigned flags)
{
    return fold_n(in, strlen(in), flags);
}

/* Folds `in` and checks output, changed count and a cleared error. */
static void expect_fold(const char *in, unsigned flags, const char *want, size_t changed)
{
    fold_result r = fold(in, flags);
    ck_assert_msg(r.st == VQR_OK, "fold(%s) = %d", in, (int)r.st);
    ck_assert_str_eq(r.out, want);
    ck_assert_uint_eq(r.len, strlen(want));
    ck_assert_uint_eq(r.changed, changed);
    ck_assert_int_eq(r.err.code, VQR_OK);
}

/* Folds `in` (len bytes) and checks the error code and both offsets. */
static void expect_fold_error(const char *in, size_t len, unsigned flags, vqr_status code,
                              size_t offset, size_t char_offset)
{
    fold_result r = fold_n(in, len, flags);
    ck_assert_msg(r.st == code, "fold(%s) = %d, want %d", in, (int)r.st, (int)code);
    ck_assert_int_eq(r.err.code, code);
    ck_assert_int_eq(r.err.severity, VQR_SEVERITY_ERROR);
    ck_assert_uint_eq(r.err.offset, offset);
    ck_assert_uint_eq(r.err.char_offset, char_offset);
    ck_assert_str_eq(r.err.tag, "");
    ck_assert_str_eq(r.err.name, vqr_status_name(code));
    ck_assert_uint_eq(r.len, 0);
    ck_assert_uint_eq(r.changed, 0);
    ck_assert_int_eq(r.out[0], '#'); /* nothing written */
}

static void expect_nfc(const char *in, size_t len, const char *want)
{
    char out[512];
    size_t n = 12345;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_text_nfc(in, len, out, sizeof out, &n, &e), VQR_OK);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_mem_eq(out, want, n + 1);
    ck_assert_int_eq(e.code, VQR_OK);
}

/* ---- all 134 Vietnamese letters ---- */

/* Encodes a code point as UTF-8 at p; returns the bytes written. */
static size_t put(char *p, int32_t cp)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)p);
}

START_TEST(every_vietnamese_letter_folds_in_nfc_and_nfd)
{
    /* The 12 vowels: an ASCII base and the mark that makes it a letter of
     * its own (breve, circumflex, horn), or none. */
    static const struct {
        char base;
        int32_t mark;
    } vowels[12] = {
        { 'a', 0 }, { 'a', 0x0306 }, { 'a', 0x0302 }, { 'e', 0 }, { 'e', 0x0302 }, { 'i', 0 },
        { 'o', 0 }, { 'o', 0x0302 }, { 'o', 0x031B }, { 'u', 0 }, { 'u', 0x031B }, { 'y', 0 },
    };
    /* No tone, grave (huyen), acute (sac), tilde (nga), hook (hoi), dot (nang). */
    static const int32_t tones[6] = { 0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323 };
    int32_t seen[160];
    size_t count = 0, lower = 0, upper = 0;

    for (int up = 0; up < 2; up++) {
        for (size_t v = 0; v < 12; v++) {
            for (size_t t = 0; t < 6; t++) {
                if (!vowels[v].mark && !tones[t])
                    continue; /* a plain ASCII vowel */
                char base = up ? (char)(vowels[v].base - 'a' + 'A') : vowels[v].base;
                char seq[16];
                size_t n = 0;
                seq[n++] = base;
                if (vowels[v].mark)
                    n += put(seq + n, vowels[v].mark);
                if (tones[t])
                    n += put(seq + n, tones[t]);
                seq[n] = '\0';

                char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)seq);
                char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)seq);
                ck_assert_ptr_nonnull(nfc);
                ck_assert_ptr_nonnull(nfd);
                /* NFC is one precomposed code point, NFD is the base plus marks. */
                int32_t cp = -1;
                utf8proc_ssize_t cl = utf8proc_iterate((const utf8proc_uint8_t *)nfc, -1, &cp);
                ck_assert_int_eq((int)cl, (int)strlen(nfc));
                ck_assert_int_ge(cp, 0x80);
                ck_assert_int_eq(nfd[0], base);
                ck_assert_uint_gt(strlen(nfd), 1);
                for (size_t k = 0; k < count; k++)
                    ck_assert_int_ne(seen[k], cp);
                seen[count++] = cp;
                if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
                    lower++;
                else if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU)
                    upper++;

                char want[2] = { base, '\0' };
                expect_fold(nfc, VQR_TEXT_FOLD, want, 1);
                expect_fold(nfd, VQR_TEXT_FOLD, want, 1);
                expect_fold(seq, VQR_TEXT_FOLD, want, 1); /* marks in typing order */
                expect_fold_error(nfc, strlen(nfc), VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII, 0, 0);
                expect_fold_error(nfd, strlen(nfd), VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII, 1, 1);
                expect_nfc(nfd, strlen(nfd), nfc);
                expect_nfc(seq, strlen(seq), nfc);
                expect_nfc(nfc, strlen(nfc), nfc);
                free(nfc);
                free(nfd);
            }
        }
    }
    ck_assert_uint_eq(count, 132);
    /* d with stroke. */
    expect_fold("\xc4\x91", VQR_TEXT_FOLD, "d", 1);
    expect_fold("\xc4\x90", VQR_TEXT_FOLD, "D", 1);
    expect_fold_error("\xc4\x91", 2, VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII, 0, 0);
    seen[count++] = 0x0111;
    seen[count++] = 0x0110;
    lower++;
    upper++;
    ck_assert_uint_eq(count, 134);
    ck_assert_uint_eq(lower, 67);
    ck_assert_uint_eq(upper, 67);

    /* A few letters spelled out, so the list above is what it claims. */
    int32_t spot[] = { 0x1EB7 /* a breve dot */,
                       0x1EEE /* U horn tilde */,
                       0x00C2,
                       0x01A1,
                       0x1EF9 /* y tilde */,
                       0x1EC7 /* e circumflex dot */ };
    for (size_t i = 0; i < sizeof spot / sizeof spot[0]; i++) {
        bool found = false;
        for (size_t k = 0; k < count; k++)
            found = found || seen[k] == spot[i];
        ck_assert_msg(found, "U+%04X missing", (unsigned)spot[i]);
    }
}
END_TEST

/* ---- sentences ---- */

START_TEST(sentences)
{
    expect_fold("Thanh to\xc3\xa1n h\xe1\xbb\x8d"
                "c ph\xc3\xad Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9"
                "c",
                0, "Thanh toan hoc phi Nguyen Van Duc", 7);
    expect_fold("CHUY\xe1\xbb\x82N KHO\xe1\xba\xa2N TI\xe1\xbb\x80N \xc4\x90I\xe1\xbb\x86N "
                "TH\xc3\x81NG 11",
                0, "CHUYEN KHOAN TIEN DIEN THANG 11", 6);
    /* The same sentence decomposed: the same result and count. */
    char *nfd = (char *)utf8proc_NFD(
        (const utf8proc_uint8_t *)"Thanh to\xc3\xa1n h\xe1\xbb\x8d"
                                  "c ph\xc3\xad Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9"
                                  "c");
    ck_assert_ptr_nonnull(nfd);
    expect_fold(nfd, 0, "Thanh toan hoc phi Nguyen Van Duc", 7);
    free(nfd);
    /* ASCII is copied: nothing changed. */
    expect_fold("thanh toan don hang", 0, "thanh toan don hang", 0);
    expect_fold("thanh toan don hang", VQR_TEXT_STRICT, "thanh toan don hang", 0);
    expect_fold(" !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~", VQR_TEXT_STRICT,
                " !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~", 0);
    /* Other Latin letters with diacritics fold the same way. */
    expect_fold("M\xc3\xbcller caf\xc3\xa9 Se\xc3\xb1or", 0, "Muller cafe Senor", 3);
    /* A letter with two marks, one precomposed and one combining: counted once. */
    expect_fold("\xc3\xaa\xcc\x81", 0, "e", 1);
    /* Space separators become a space: no-break, en, ideographic. */
    expect_fold("50\xc2\xa0"
                "000",
                0, "50 000", 1);
    expect_fold("a\xe2\x80\x82"
                "b\xe3\x80\x80"
                "c",
                0, "a b c", 2);
    /* Empty input. */
    expect_fold("", 0, "", 0);
    fold_result r = fold_n(NULL, 0, 0);
    ck_assert_int_eq(r.st, VQR_OK);
    ck_assert_str_eq(r.out, "");
}
END_TEST

/* ---- characters with no ASCII form, control characters ---- */

START_TEST(not_ascii_is_an_error_with_offset)
{
    /* "Gia 100" then the euro sign: byte 8, character 7. */
    expect_fold_error("Gi\xc3\xa1 100\xe2\x82\xac", 11, 0, VQR_ERR_TEXT_NOT_ASCII, 8, 7);
    /*                  ^ byte 8 */
    /* Emoji after "Cam on ": byte 10, character 7. */
    expect_fold_error("C\xe1\xba\xa3m \xc6\xa1n \xf0\x9f\x99\x8f", 14, 0, VQR_ERR_TEXT_NOT_ASCII,
                      10, 7);
    expect_fold_error("\xe5\x8c\x97\xe4\xba\xac", 6, 0, VQR_ERR_TEXT_NOT_ASCII, 0, 0); /* CJK */
    expect_fold_error("x\xc3\xb8", 3, 0, VQR_ERR_TEXT_NOT_ASCII, 1, 1); /* o with stroke */
    expect_fold_error("a\xe2\x89\xa0"
                      "b",
                      5, 0, VQR_ERR_TEXT_NOT_ASCII, 1, 1); /* not-equal */
    expect_fold_error("a\xe2\x80\x8b"
                      "b",
                      5, 0, VQR_ERR_TEXT_NOT_ASCII, 1, 1); /* ZWSP */
    expect_fold_error("\xef\xbb\xbf"
                      "abc",
                      6, 0, VQR_ERR_TEXT_NOT_ASCII, 0, 0);             /* BOM */
    expect_fold_error("\xd0\x96", 2, 0, VQR_ERR_TEXT_NOT_ASCII, 0, 0); /* Cyrillic */
    /* A combining mark that follows no letter. */
    expect_fold_error("\xcc\x81"
                      "a",
                      3, 0, VQR_ERR_TEXT_NOT_ASCII, 0, 0);
    expect_fold_error("a \xcc\x81", 4, 0, VQR_ERR_TEXT_NOT_ASCII, 2, 2);
    expect_fold_error("1\xef\xb8\x8f\xe2\x83\xa3", 7, 0, VQR_ERR_TEXT_NOT_ASCII, 1, 1); /* keycap */
    /* The first bad character is reported. */
    expect_fold_error("\xc4\x91\xe2\x82\xac\xe2\x82\xac", 8, 0, VQR_ERR_TEXT_NOT_ASCII, 2, 1);
}
END_TEST

START_TEST(control_characters)
{
    expect_fold_error("a\tb", 3, 0, VQR_ERR_TEXT_CONTROL, 1, 1);
    expect_fold_error("line\n", 5, 0, VQR_ERR_TEXT_CONTROL, 4, 4);
    expect_fold_error("ab\0c", 4, 0, VQR_ERR_TEXT_CONTROL, 2, 2);
    expect_fold_error("\xc4\x91\x7f", 3, 0, VQR_ERR_TEXT_CONTROL, 2, 1);
    expect_fold_error("x\xc2\x85", 3, 0, VQR_ERR_TEXT_CONTROL, 1, 1); /* NEL, C1 */
    expect_fold_error("\r\n", 2, VQR_TEXT_STRICT, VQR_ERR_TEXT_CONTROL, 0, 0);
    expect_fold_error("x\xc2\x9f", 3, VQR_TEXT_STRICT, VQR_ERR_TEXT_CONTROL, 1, 1);
}
END_TEST

START_TEST(strict_mode)
{
    expect_fold_error("Thanh to\xc3\xa1n", 11, VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII, 8, 8);
    /*                        ^ byte 8 */
    expect_fold_error("toa\xcc\x81n", 6, VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII, 3, 3);
    expect_fold_error("50\xc2\xa0"
                      "000",
                      7, VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII, 2, 2);
    expect_fold_error("Nguy\xe1\xbb\x85n V\xc4\x83n", 12, VQR_TEXT_STRICT, VQR_ERR_TEXT_NOT_ASCII,
                      4, 4);
    /* Unknown flag bits. */
    fold_result r = fold("abc", 1u << 1);
    ck_assert_int_eq(r.st, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(r.err.code, VQR_ERR_INVALID_ARGUMENT);
    r = fold("abc", 0x80000000u);
    ck_assert_int_eq(r.st, VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- malformed UTF-8 ---- */

static void expect_utf8_error(const char *in, size_t len, size_t offset, size_t char_offset)
{
    expect_fold_error(in, len, 0, VQR_ERR_UTF8, offset, char_offset);
    expect_fold_error(in, len, VQR_TEXT_STRICT, VQR_ERR_UTF8, offset, char_offset);
    char out[64];
    size_t n = 99;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    memset(out, '#', sizeof out);
    ck_assert_int_eq(vqr_text_nfc(in, len, out, sizeof out, &n, &e), VQR_ERR_UTF8);
    ck_assert_int_eq(e.code, VQR_ERR_UTF8);
    ck_assert_uint_eq(e.offset, offset);
    ck_assert_uint_eq(e.char_offset, char_offset);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(out[0], '#');
}

START_TEST(malformed_utf8)
{
    expect_utf8_error("abc\x80", 4, 3, 3);          /* lone continuation */
    expect_utf8_error("xy\xc3", 3, 2, 2);           /* truncated at the end */
    expect_utf8_error("\xc3(", 2, 0, 0);            /* bad continuation */
    expect_utf8_error("\xc0\xaf", 2, 0, 0);         /* overlong '/' */
    expect_utf8_error("\xe0\x80\xaf", 3, 0, 0);     /* overlong, 3 bytes */
    expect_utf8_error("a\xed\xa0\x80", 4, 1, 1);    /* surrogate U+D800 */
    expect_utf8_error("\xf4\x90\x80\x80", 4, 0, 0); /* above U+10FFFF */
    expect_utf8_error("\xff", 1, 0, 0);
    expect_utf8_error("\xc4\x91\xe1\xbb\x85\xff", 6, 5, 2); /* after two letters */
    /* UTF-8 is checked first: a control character before it does not win. */
    expect_utf8_error("a\tb\xfe", 4, 3, 3);
    expect_utf8_error("\xe2\x82\xac\xc3", 4, 3, 1);
}
END_TEST

/* ---- buffers ---- */

START_TEST(buffer_too_small)
{
    const char *in = "\xc4\x90\xe1\xbb\xa9"
                     "c"; /* 3 characters, 6 bytes -> "Duc" */
    char out[8];
    size_t n = 0, changed = 0;
    vqr_error e;
    VQR_INIT(&e);

    memset(out, '#', sizeof out);
    POISON(e);
    ck_assert_int_eq(vqr_text_fold(in, 6, 0, out, 3, &n, &changed, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(changed, 2);
    ck_assert_int_eq(e.code, VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(e.limit, 4);
    ck_assert_int_eq(out[0], '#');

    /* Measuring with no buffer. */
    POISON(e);
    ck_assert_int_eq(vqr_text_fold(in, 6, 0, NULL, 0, &n, &changed, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(e.limit, 4);

    /* Exactly enough. */
    POISON(e);
    ck_assert_int_eq(vqr_text_fold(in, 6, 0, out, 4, &n, NULL, &e), VQR_OK);
    ck_assert_str_eq(out, "Duc");
    ck_assert_int_eq(vqr_text_fold(in, 6, 0, out, 4, NULL, NULL, NULL), VQR_OK);

    /* ASCII needs its length plus the NUL. */
    ck_assert_int_eq(vqr_text_fold("abc", 3, 0, out, 3, &n, &changed, NULL),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(changed, 0);

    /* NFC longer than its input: U+0958 has the canonical form U+0915 U+093C. */
    memset(out, '#', sizeof out);
    POISON(e);
    ck_assert_int_eq(vqr_text_nfc("\xe0\xa5\x98", 3, out, 4, &n, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 6);
    ck_assert_uint_eq(e.limit, 7);
    ck_assert_int_eq(out[0], '#');
    ck_assert_int_eq(vqr_text_nfc("\xe0\xa5\x98", 3, out, 7, &n, &e), VQR_OK);
    ck_assert_mem_eq(out, "\xe0\xa4\x95\xe0\xa4\xbc", 7);
    ck_assert_int_eq(vqr_text_nfc("abc", 3, NULL, 0, &n, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 3);
}
END_TEST

START_TEST(in_place)
{
    char buf[] = "Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9"
                 "c";
    size_t n, changed;
    ck_assert_int_eq(vqr_text_fold(buf, strlen(buf), 0, buf, sizeof buf, &n, &changed, NULL),
                     VQR_OK);
    ck_assert_str_eq(buf, "Nguyen Van Duc");
    ck_assert_uint_eq(changed, 4);

    char nfd[] = "Nguye\xcc\x82\xcc\x83n";
    ck_assert_int_eq(vqr_text_nfc(nfd, strlen(nfd), nfd, sizeof nfd, &n, NULL), VQR_OK);
    ck_assert_str_eq(nfd, "Nguy\xe1\xbb\x85n");
    ck_assert_uint_eq(n, 8);

    /* An error leaves an in-place buffer as it was. */
    char bad[] = "Nguy\xe1\xbb\x85n \xe2\x82\xac";
    ck_assert_int_eq(vqr_text_fold(bad, strlen(bad), 0, bad, sizeof bad, &n, NULL, NULL),
                     VQR_ERR_TEXT_NOT_ASCII);
    ck_assert_str_eq(bad, "Nguy\xe1\xbb\x85n \xe2\x82\xac");
}
END_TEST

START_TEST(invalid_arguments)
{
    char out[8];
    size_t n = 7;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_text_fold(NULL, 3, 0, out, sizeof out, &n, NULL, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(e.offset, 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(vqr_text_fold("abc", 3, 0, NULL, 4, &n, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    POISON(e);
    ck_assert_int_eq(vqr_text_nfc(NULL, 1, out, sizeof out, &n, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_text_nfc("a", 1, NULL, 2, &n, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_text_nfc(NULL, 0, out, sizeof out, &n, NULL), VQR_OK);
    ck_assert_str_eq(out, "");
}
END_TEST

/* ---- NFC ---- */

START_TEST(nfc_exact_bytes)
{
    expect_nfc("Nguye\xcc\x82\xcc\x83n", 10, "Nguy\xe1\xbb\x85n");
    /* Marks in canonical order and in typing order give the same letter. */
    expect_nfc("a\xcc\xa3\xcc\x86", 5, "\xe1\xba\xb7");
    expect_nfc("a\xcc\x86\xcc\xa3", 5, "\xe1\xba\xb7");
    expect_nfc("\xc3\xa2\xcc\x81", 4, "\xe1\xba\xa5");
    expect_nfc("D\xcc\x9b", 3, "D\xcc\x9b"); /* no precomposed D with horn */
    /* Already NFC, ASCII and mixed text are copied. */
    expect_nfc("Ti\xe1\xbb\x81n \xc4\x91i\xe1\xbb\x87n", 14,
               "Ti\xe1\xbb\x81n \xc4\x91i\xe1\xbb\x87n");
    expect_nfc("thanh toan", 10, "thanh toan");
    expect_nfc("\xe6\x9c\x80\xe4\xbd\xb3", 6, "\xe6\x9c\x80\xe4\xbd\xb3");
    /* Hangul jamo compose; control characters are kept. */
    expect_nfc("\xe1\x84\x80\xe1\x85\xa1", 6, "\xea\xb0\x80");
    expect_nfc("a\tb\xc3\xa9", 5, "a\tb\xc3\xa9");
    /* An NUL inside the given length is kept too. */
    char out[8];
    size_t n;
    ck_assert_int_eq(vqr_text_nfc("e\0e\xcc\x81", 5, out, sizeof out, &n, NULL), VQR_OK);
    ck_assert_uint_eq(n, 4);
    ck_assert_mem_eq(out, "e\0\xc3\xa9", 5);
}
END_TEST

START_TEST(nfc_too_long)
{
    /* U+1F82 decomposes into 4 code points: 256 of them fill the limit. */
    static char in[4 * 300 + 1];
    static char out[4 * 300 + 1];
    size_t n;
    vqr_error e;
    VQR_INIT(&e);
    for (size_t i = 0; i < 300; i++)
        memcpy(in + 3 * i, "\xe1\xbe\x82", 3);
    ck_assert_int_eq(vqr_text_nfc(in, 3 * 256, out, sizeof out, &n, NULL), VQR_OK);
    ck_assert_uint_eq(n, 3 * 256);
    ck_assert_mem_eq(out, in, 3 * 256);
    POISON(e);
    ck_assert_int_eq(vqr_text_nfc(in, 3 * 257, out, sizeof out, &n, &e), VQR_ERR_TEXT_TOO_LONG);
    ck_assert_int_eq(e.code, VQR_ERR_TEXT_TOO_LONG);
    ck_assert_uint_eq(e.limit, VQR_TEXT_NFC_MAX);
    ck_assert_uint_eq(n, 0);
    /* A character that does not decompose: exactly the limit fits. */
    static char cjk[3 * (VQR_TEXT_NFC_MAX + 1)];
    static char cjk_out[sizeof cjk + 1];
    for (size_t i = 0; i < VQR_TEXT_NFC_MAX + 1; i++)
        memcpy(cjk + 3 * i, "\xe5\x8c\x97", 3);
    ck_assert_int_eq(vqr_text_nfc(cjk, 3 * VQR_TEXT_NFC_MAX, cjk_out, sizeof cjk_out, &n, NULL),
                     VQR_OK);
    ck_assert_uint_eq(n, 3 * VQR_TEXT_NFC_MAX);
    POISON(e);
    ck_assert_int_eq(vqr_text_nfc(cjk, sizeof cjk, cjk_out, sizeof cjk_out, &n, &e),
                     VQR_ERR_TEXT_TOO_LONG);
    ck_assert_uint_eq(e.limit, VQR_TEXT_NFC_MAX);
    /* All-ASCII text is NFC whatever its length. */
    memset(in, 'a', sizeof in - 1);
    ck_assert_int_eq(vqr_text_nfc(in, sizeof in - 1, out, sizeof out, &n, NULL), VQR_OK);
    ck_assert_uint_eq(n, sizeof in - 1);
}
END_TEST

START_TEST(status_codes_have_messages)
{
    static const struct {
        vqr_status code;
        int num;
        const char *name;
    } codes[] = {
        { VQR_ERR_TEXT_NOT_ASCII, 100, "VQR_ERR_TEXT_NOT_ASCII" },
        { VQR_ERR_TEXT_CONTROL, 101, "VQR_ERR_TEXT_CONTROL" },
        { VQR_ERR_TEXT_TOO_LONG, 102, "VQR_ERR_TEXT_TOO_LONG" },
        { VQR_ERR_BANK_UNKNOWN, 103, "VQR_ERR_BANK_UNKNOWN" },
        { VQR_ERR_BANK_AMBIGUOUS, 104, "VQR_ERR_BANK_AMBIGUOUS" },
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        ck_assert_int_eq((int)codes[i].code, codes[i].num);
        ck_assert_str_eq(vqr_status_name(codes[i].code), codes[i].name);
        ck_assert_str_ne(vqr_strerror(codes[i].code), vqr_strerror((vqr_status)999));
        ck_assert_str_ne(vqr_strerror_vi(codes[i].code), vqr_strerror_vi((vqr_status)999));
    }
    fold_result r = fold("\xe2\x82\xac", 0);
    ck_assert_str_eq(r.err.message, vqr_strerror(VQR_ERR_TEXT_NOT_ASCII));
    ck_assert_str_eq(r.err.message_vi, vqr_strerror_vi(VQR_ERR_TEXT_NOT_ASCII));
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("fold");
    tcase_add_test(tc, every_vietnamese_letter_folds_in_nfc_and_nfd);
    tcase_add_test(tc, sentences);
    tcase_add_test(tc, not_ascii_is_an_error_with_offset);
    tcase_add_test(tc, control_characters);
    tcase_add_test(tc, strict_mode);
    tcase_add_test(tc, malformed_utf8);
    tcase_add_test(tc, buffer_too_small);
    tcase_add_test(tc, in_place);
    tcase_add_test(tc, invalid_arguments);
    suite_add_tcase(s, tc);
    TCase *nfc = tcase_create("nfc");
    tcase_add_test(nfc, nfc_exact_bytes);
    tcase_add_test(nfc, nfc_too_long);
    tcase_add_test(nfc, status_codes_have_messages);
    suite_add_tcase(s, nfc);
    return s;
}

int main(void)
{
    return run_suite(text_suite());
}
