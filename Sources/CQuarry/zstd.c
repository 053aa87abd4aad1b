/* zstd one-shot block compression (see cquarry.h). */
#include "cquarry.h"

#include <stdlib.h>
#include <zstd.h>

size_t cq_zstd_bound(size_t length) {
    return ZSTD_compressBound(length);
}

struct cq_zstd_compressor {
    ZSTD_CCtx *context;
};

cq_zstd_compressor *cq_zstd_compressor_open(int level) {
    cq_zstd_compressor *compressor = malloc(sizeof *compressor);
    if (!compressor) return NULL;
    compressor->context = ZSTD_createCCtx();
    /* Each frame carries a checksum of its content, which ZSTD_decompress checks: a damaged
       block fails to decompress instead of giving other text. */
    if (!compressor->context
        || ZSTD_isError(ZSTD_CCtx_setParameter(compressor->context, ZSTD_c_compressionLevel, level))
        || ZSTD_isError(ZSTD_CCtx_setParameter(compressor->context, ZSTD_c_checksumFlag, 1))) {
        ZSTD_freeCCtx(compressor->context);
        free(compressor);
        return NULL;
    }
    return compressor;
}

void cq_zstd_compressor_close(cq_zstd_compressor *compressor) {
    if (!compressor) return;
    ZSTD_freeCCtx(compressor->context);
    free(compressor);
}

size_t cq_zstd_compress(cq_zstd_compressor *compressor, const uint8_t *bytes, size_t length, uint8_t *out, size_t capacity) {
    size_t n = ZSTD_compress2(compressor->context, out, capacity, bytes, length);
    return ZSTD_isError(n) ? 0 : n;
}

int32_t cq_zstd_decompress(const uint8_t *bytes, size_t compressed, uint8_t *out, size_t length) {
    size_t n = ZSTD_decompress(out, length, bytes, compressed);
    return (ZSTD_isError(n) || n != length) ? -1 : 0;
}
