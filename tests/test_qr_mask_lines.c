/*
 * test_qr_mask_lines.c - the row and column penalty of lib/qr_mask.c
 * (N1: 3 + (n - 5) for each run of n >= 5 modules of one colour; N3: 40 for
 * each dark-light-dark-light-dark sequence of runs f, f, 3f, f, f with 4f
 * light modules, or only light modules up to the edge, on one side at
 * least) against a plain count over the runs of the line, on random lines
 * and on lines built around such sequences of every width f from 1 to 8.
 * Links the static library: the function is internal.
 */
#include "testutil.h"

#include "qr_mask.h"

static unsigned rnd_state;

static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

/* The reference: the runs of the line, light first (a run of 0 light
 * modules when it starts dark), then the rules as stated. */
static unsigned reference(const unsigned char *m, int w)
{
    int run[200], n = 0;
    run[0] = 0;
    int colour = 0;
    for (int k = 0; k < w; k++) {
        if (m[k] != colour) {
            run[++n] = 0;
            colour = m[k];
        }
        run[n]++;
    }
    n++;
    unsigned score = 0;
    for (int i = 0; i < n; i++)
        if (run[i] >= 5)
            score += 3u + (unsigned)(run[i] - 5);
    for (int i = 3; i + 2 < n; i += 2) { /* odd runs are dark */
        int f = run[i] / 3;
        if (f == 0 || run[i] != 3 * f || run[i - 2] != f || run[i - 1] != f || run[i + 1] != f ||
            run[i + 2] != f)
            continue;
        bool left = i - 3 == 0 || run[i - 3] >= 4 * f; /* light to the edge, or 4f */
        bool right = i + 3 >= n - 1 || run[i + 3] >= 4 * f;
        if (left || right)
            score += 40;
    }
    return score;
}

static unsigned fast(const unsigned char *m, int w)
{
    uint64_t line[3] = { 0, 0, 0 };
    for (int k = 0; k < w; k++)
        if (m[k])
            line[(k + 4) / 64] |= (uint64_t)1 << ((k + 4) % 64);
    return vqr_qr_mask_line_score(line, w);
}

static void check(const unsigned char *m, int w)
{
    unsigned want = reference(m, w), got = fast(m, w);
    if (want != got) {
        char s[200];
        for (int k = 0; k < w; k++)
            s[k] = m[k] ? '#' : '.';
        s[w] = '\0';
        ck_abort_msg("width %d: %u, not %u: %s", w, got, want, s);
    }
}

/* Loop index: how dark the random lines are, in eighths. */
START_TEST(random_lines)
{
    unsigned char m[177];
    rnd_state = 1u + (unsigned)_i;
    for (int t = 0; t < 4000; t++) {
        int w = 21 + 4 * (int)(rnd() % 40);
        for (int k = 0; k < w; k++)
            m[k] = rnd() % 8 < (unsigned)_i;
        check(m, w);
    }
}
END_TEST

/* A line made of runs: random light margins around a 1:1:3:1:1 pattern of
 * width f, random runs elsewhere, the pattern at random places, also
 * against either edge. */
START_TEST(finder_like_lines)
{
    unsigned char m[177];
    rnd_state = 77u;
    for (int t = 0; t < 20000; t++) {
        int f = 1 + (int)(rnd() % 8);
        int w = 21 + 4 * (int)(rnd() % 40);
        int len = 7 * f;
        if (len > w)
            continue;
        int at = (int)(rnd() % (unsigned)(w - len + 1));
        if (rnd() % 4 == 0)
            at = rnd() % 2 ? 0 : w - len;
        /* Random runs of 1-6 modules everywhere, then the pattern over them
         * with light margins of about 4f on each side. */
        int k = 0, c = (int)(rnd() % 2);
        while (k < w) {
            int r = 1 + (int)(rnd() % 6);
            for (; r > 0 && k < w; r--)
                m[k++] = (unsigned char)c;
            c ^= 1;
        }
        int lm = (int)(rnd() % (unsigned)(5 * f + 1)), rm = (int)(rnd() % (unsigned)(5 * f + 1));
        for (int i = at - lm; i < at + len + rm; i++)
            if (i >= 0 && i < w)
                m[i] = 0;
        static const int shape[5] = { 1, 1, 3, 1, 1 };
        int p = at;
        for (int s = 0; s < 5; s++)
            for (int i = 0; i < shape[s] * f; i++)
                m[p++] = (unsigned char)(s % 2 == 0);
        check(m, w);
    }
}
END_TEST

static Suite *lines_suite(void)
{
    Suite *s = suite_create("qr-mask-lines");
    TCase *tc = tcase_create("penalty");
    tcase_add_loop_test(tc, random_lines, 1, 8);
    tcase_add_test(tc, finder_like_lines);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(lines_suite());
}
