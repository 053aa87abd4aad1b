/* Reading gzip (and plain) files through zlib's gz* API (see cquarry.h). */
#include "cquarry.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

cq_gzfile *cq_gz_open(const char *path) {
    gzFile file = gzopen(path, "rb");
    if (file != NULL) gzbuffer(file, 1 << 18);
    return (cq_gzfile *)file;
}

int64_t cq_gz_read(cq_gzfile *file, uint8_t *out, int64_t capacity) {
    if (capacity > (1 << 30)) capacity = 1 << 30;
    int n = gzread((gzFile)file, out, (unsigned)capacity);
    return n < 0 ? -1 : (int64_t)n;
}

int64_t cq_gz_offset(cq_gzfile *file) {
    return (int64_t)gzoffset((gzFile)file);
}

const char *cq_gz_error(cq_gzfile *file) {
    int code = 0;
    const char *message = gzerror((gzFile)file, &code);
    if (code == Z_ERRNO) return strerror(errno);
    return message;
}

void cq_gz_close(cq_gzfile *file) {
    gzclose((gzFile)file);
}
