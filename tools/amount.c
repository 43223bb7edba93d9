/*
 * amount.c - amounts of VND written the way people in Vietnam write them
 * ("1.500.000", "1,500,000", "1.500.000 đ", "1500000 VND"), read by one
 * documented rule (cli.h, cli_amount_vi) into the digits 54 carries.
 */
#include "cli.h"

#include <string.h>

/* Currency words that may stand before or after the figure, compared
 * without case for their ASCII letters. */
static const char *const k_marks[] = {
    "\xC4\x91\xE1\xBB\x93ng", /* đồng */
    "\xC4\x90\xE1\xBB\x92NG", /* ĐỒNG */
    "\xC4\x90\xE1\xBB\x93ng", /* Đồng */
    "VN\xC4\x90",             /* VNĐ */
    "vn\xC4\x91",             /* vnđ */
    "VND",
    "dong",
    "\xC4\x91",     /* đ */
    "\xC4\x90",     /* Đ */
    "\xE2\x82\xAB", /* ₫ */
    "d",
};

static bool starts_nocase(const char *s, size_t len, const char *w, size_t wl)
{
    if (wl > len)
        return false;
    for (size_t i = 0; i < wl; i++) {
        char a = s[i], b = w[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

/* Length of a space at s: ' ', U+00A0 or U+202F; 0 when none. */
static size_t space_at(const char *s, size_t len)
{
    if (len >= 1 && s[0] == ' ')
        return 1;
    if (len >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
        return 2;
    if (len >= 3 && memcmp(s, "\xE2\x80\xAF", 3) == 0)
        return 3;
    return 0;
}

static void trim_spaces(const char **s, size_t *len)
{
    size_t n;
    while ((n = space_at(*s, *len)) != 0) {
        *s += n;
        *len -= n;
    }
    for (;;) {
        size_t cut = 0;
        if (*len >= 1 && (*s)[*len - 1] == ' ')
            cut = 1;
        else if (*len >= 2 && memcmp(*s + *len - 2, "\xC2\xA0", 2) == 0)
            cut = 2;
        else if (*len >= 3 && memcmp(*s + *len - 3, "\xE2\x80\xAF", 3) == 0)
            cut = 3;
        if (!cut)
            break;
        *len -= cut;
    }
}

/* Removes one currency word at the start or the end. */
static bool strip_mark(const char **s, size_t *len)
{
    for (size_t i = 0; i < sizeof k_marks / sizeof k_marks[0]; i++) {
        size_t wl = strlen(k_marks[i]);
        if (starts_nocase(*s, *len, k_marks[i], wl) && *len > wl &&
            !((*s)[wl] >= 'a' && (*s)[wl] <= 'z') && !((*s)[wl] >= 'A' && (*s)[wl] <= 'Z')) {
            *s += wl;
            *len -= wl;
            return true;
        }
        if (*len > wl && starts_nocase(*s + *len - wl, wl, k_marks[i], wl)) {
            char before = (*s)[*len - wl - 1];
            if ((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z'))
                continue;
            *len -= wl;
            return true;
        }
    }
    return false;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

cli_amount_result cli_amount_vi(const char *s, size_t len, char *out, size_t cap)
{
    trim_spaces(&s, &len);
    if (strip_mark(&s, &len))
        trim_spaces(&s, &len);
    if (len == 0)
        return CLI_AMOUNT_NOT_A_FIGURE;
    /* A decimal part: a '.' or ',' followed by one or two digits at the
     * end (three digits are a group of thousands). */
    size_t int_len = len;
    char dec_sep = 0;
    for (size_t d = 1; d <= 2; d++) {
        if (len > d && (s[len - d - 1] == '.' || s[len - d - 1] == ',')) {
            bool digits = true;
            for (size_t k = len - d; k < len; k++)
                digits = digits && is_digit(s[k]);
            if (digits && (len - d - 1 == 0 || is_digit(s[len - d - 2]))) {
                dec_sep = s[len - d - 1];
                int_len = len - d - 1;
                for (size_t k = len - d; k < len; k++)
                    if (s[k] != '0')
                        return CLI_AMOUNT_DECIMALS;
            }
            break;
        }
    }
    /* The whole part: digits, grouped by threes with one separator. */
    size_t n = 0, group = 0, groups = 0;
    const char *sep = NULL;
    size_t sep_len = 0;
    for (size_t i = 0; i < int_len;) {
        if (is_digit(s[i])) {
            if (n + 1 >= cap)
                return CLI_AMOUNT_TOO_LONG;
            out[n++] = s[i++];
            group++;
            continue;
        }
        size_t sl = space_at(s + i, int_len - i);
        if (!sl && (s[i] == '.' || s[i] == ','))
            sl = 1;
        if (!sl)
            return CLI_AMOUNT_NOT_A_FIGURE;
        if (sep && (sl != sep_len || memcmp(sep, s + i, sl) != 0))
            return CLI_AMOUNT_BAD_GROUPS;
        if (groups == 0 ? (group < 1 || group > 3) : group != 3)
            return CLI_AMOUNT_BAD_GROUPS;
        sep = s + i;
        sep_len = sl;
        groups++;
        group = 0;
        i += sl;
    }
    if (n == 0)
        return CLI_AMOUNT_NOT_A_FIGURE;
    if (groups && group != 3)
        return CLI_AMOUNT_BAD_GROUPS;
    if (dec_sep && sep && sep_len == 1 && *sep == dec_sep)
        return CLI_AMOUNT_BAD_GROUPS;
    out[n] = '\0';
    return CLI_AMOUNT_OK;
}
