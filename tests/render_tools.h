/*
 * render_tools.h - helpers of the render tests: run an external program
 * and capture its output, files in a scratch directory.
 */
#ifndef RENDER_TOOLS_H
#define RENDER_TOOLS_H

#include <stddef.h>

/* The path of a tool given by the test's environment (ZBARIMG, PNGCHECK,
 * XMLLINT, RSVG_CONVERT), or NULL. */
const char *tool_path(const char *env_name);

/* Runs argv[0] with argv (NULL-terminated), stdin from /dev/null, stderr
 * discarded unless `keep_stderr`; stdout goes to `out` (at most cap bytes,
 * the rest is read and dropped), its length to *out_len. Returns the exit
 * status, or -1 when the program could not run or was killed. */
int tool_run(const char *const argv[], char *out, size_t cap, size_t *out_len);

/* A scratch directory made for this process (under $TMPDIR or /tmp). */
const char *scratch_dir(void);
/* Joins the scratch directory and a name into buf. */
const char *scratch_path(char *buf, size_t cap, const char *name);
/* Removes the scratch directory and everything in it. */
void scratch_remove(void);
/* Number of entries in a directory (for leftover checks), -1 on error. */
int dir_count(const char *dir);

/* Reads a whole file into a malloc'd buffer (NUL-terminated); NULL on error. */
char *file_read(const char *path, size_t *len);
int file_write(const char *path, const void *data, size_t len);

/* Decodes the image at `path` with zbarimg (raw bytes, no charset
 * conversion); returns the exit status and the data in `out`. */
int zbar_decode(const char *path, char *out, size_t cap, size_t *out_len);

#endif
