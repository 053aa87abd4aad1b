/* zstd one-shot block compression (see cquarry.h). */
#include "cquarry.h"

#include <zstd.h>

size_t cq_zstd_bound(size_t length) {
    return ZSTD_compressBound(length);
}

size_t cq_zstd_compress(const uint8_t *bytes, size_t length, uint8_t *out, size_t capacity, int level) {
    size_t n = ZSTD_compress(out, capacity, bytes, length, level);
    return ZSTD_isError(n) ? 0 : n;
}

int32_t cq_zstd_decompress(const uint8_t *bytes, size_t compressed, uint8_t *out, size_t length) {
    size_t n = ZSTD_decompress(out, length, bytes, compressed);
    return (ZSTD_isError(n) || n != length) ? -1 : 0;
}
