/* Bit unpacking (see cquarry.h), specialized per width: eight values of width w fill exactly w
   bytes, so each group of eight is unpacked with constant offsets and shifts. */
#include "cquarry.h"

#include <string.h>

static inline uint64_t load64(const uint8_t *p) {
    uint64_t value;
    memcpy(&value, p, 8);
    return value; /* little-endian hosts (x86-64, arm64) */
}

static inline __attribute__((always_inline)) void unpack_width(const uint8_t *in, uint32_t *out, int32_t count, const int width) {
    const uint64_t mask = width == 32 ? 0xFFFFFFFFull : ((1ull << width) - 1);
    int32_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const uint8_t *group = in + (size_t)(i / 8) * (size_t)width;
        for (int j = 0; j < 8; j++) {
            const int bit = j * width;
            out[i + j] = (uint32_t)((load64(group + (bit >> 3)) >> (bit & 7)) & mask);
        }
    }
    for (; i < count; i++) {
        const int64_t bit = (int64_t)i * width;
        out[i] = (uint32_t)((load64(in + (bit >> 3)) >> (bit & 7)) & mask);
    }
}

#define CASE(w) case w: unpack_width(in, out, count, w); return;

void cq_unpack(const uint8_t *in, uint32_t *out, int32_t count, int32_t width) {
    switch (width) {
    case 0:
        for (int32_t i = 0; i < count; i++) out[i] = 0;
        return;
    CASE(1) CASE(2) CASE(3) CASE(4) CASE(5) CASE(6) CASE(7) CASE(8)
    CASE(9) CASE(10) CASE(11) CASE(12) CASE(13) CASE(14) CASE(15) CASE(16)
    CASE(17) CASE(18) CASE(19) CASE(20) CASE(21) CASE(22) CASE(23) CASE(24)
    CASE(25) CASE(26) CASE(27) CASE(28) CASE(29) CASE(30) CASE(31) CASE(32)
    default: return;
    }
}
