/* Reading gzip (and plain) files through zlib's gz* API (see cquarry.h). */
#include "cquarry.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* zlib's input buffer. gzread decompresses a request of at least twice this straight into the
 * caller's buffer, and a smaller one through an output buffer of twice this. */
#define CQ_GZ_BUFFER (32 << 10)
/* Decompressed bytes asked of gzread at a time. gzread drops the whole of a call's output (and
 * of its output buffer) when the data turns out damaged (a failed check, a broken stream), so
 * asking in slices, with its buffers no larger, keeps all but the last 64 KiB before the damage. */
#define CQ_GZ_SLICE (2 * CQ_GZ_BUFFER)

struct cq_gzfile {
    gzFile gz;
    /* zlib prefixes its messages with the path and ": "; cq_gz_error leaves that out. */
    size_t path_length;
};

cq_gzfile *cq_gz_open(const char *path) {
    cq_gzfile *file = malloc(sizeof *file);
    if (file == NULL) return NULL;
    file->gz = gzopen(path, "rb");
    if (file->gz == NULL) {
        int saved = errno;
        free(file);
        errno = saved;
        return NULL;
    }
    file->path_length = strlen(path);
    gzbuffer(file->gz, CQ_GZ_BUFFER);
    return file;
}

int64_t cq_gz_read(cq_gzfile *file, uint8_t *out, int64_t capacity) {
    if (capacity > (1 << 30)) capacity = 1 << 30;
    int64_t total = 0;
    while (total < capacity) {
        int64_t want = capacity - total < CQ_GZ_SLICE ? capacity - total : CQ_GZ_SLICE;
        int n = gzread(file->gz, out + total, (unsigned)want);
        if (n > 0) {
            total += n;
            continue;
        }
        int code = Z_OK;
        gzerror(file->gz, &code);
        /* gzread reports a stream that ends early (cut short, or without its trailer) as a
         * plain end with Z_BUF_ERROR set: that is damage, not the end. The bytes read before it
         * are returned first; the next call reports it. */
        if (n < 0 || code == Z_BUF_ERROR) return total > 0 ? total : -1;
        break;
    }
    return total;
}

int64_t cq_gz_offset(cq_gzfile *file) {
    return (int64_t)gzoffset(file->gz);
}

const char *cq_gz_error(cq_gzfile *file) {
    int code = Z_OK;
    const char *message = gzerror(file->gz, &code);
    if (code == Z_ERRNO) return strerror(errno);
    if (code == Z_MEM_ERROR) return message;
    if (code == Z_BUF_ERROR) return "unexpected end of compressed data (truncated)";
    size_t length = strlen(message);
    return length > file->path_length + 2 ? message + file->path_length + 2 : message;
}

void cq_gz_close(cq_gzfile *file) {
    gzclose(file->gz);
    free(file);
}
