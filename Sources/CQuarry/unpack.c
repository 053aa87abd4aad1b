/* Bit unpacking (see cquarry.h), specialized per width: eight values of width w fill exactly w
   bytes, so each group of eight is unpacked with constant offsets and shifts. With AVX2, widths
   up to 24 unpack a group of eight in a few vector instructions: each value then lies in the
   four bytes from its first, so a byte shuffle puts each value's four bytes in its 32-bit lane
   (values 0-3 from a 16-byte load at the group, 4-7 from one at the group's middle byte, since
   the shuffle stays within 128-bit halves), and a shift per lane and a mask finish it. */
#include "cquarry.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

#define SIMD_WIDTHS 24

/* Per width: the shuffle that gathers each value's four bytes, each lane's shift, and where
   the upper half's load starts in the group. */
struct simd_width {
    uint8_t shuffle[32];
    uint32_t shifts[8];
    uint32_t upper;
};

static struct simd_width simd_widths[SIMD_WIDTHS + 1];
static int has_avx2;

/* Runs when the library loads, before any thread can call cq_unpack. */
__attribute__((constructor))
static void initialize_unpack(void) {
    for (int width = 1; width <= SIMD_WIDTHS; width++) {
        struct simd_width *table = &simd_widths[width];
        table->upper = (uint32_t)(4 * width / 8);
        for (int j = 0; j < 8; j++) {
            const int bit = j * width;
            const int start = (bit >> 3) - (j < 4 ? 0 : (int)table->upper);
            for (int b = 0; b < 4; b++) table->shuffle[4 * j + b] = (uint8_t)(start + b);
            table->shifts[j] = (uint32_t)(bit & 7);
        }
    }
    has_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
}
#endif

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

static void unpack_scalar(const uint8_t *in, uint32_t *out, int32_t count, int32_t width) {
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

#if defined(__x86_64__)
/* Groups of eight while both 16-byte loads stay within `available`; returns the values done. */
__attribute__((target("avx2")))
static int32_t unpack_avx2(const uint8_t *in, uint32_t *out, int32_t count, int32_t width, size_t available) {
    const struct simd_width *table = &simd_widths[width];
    const __m256i shuffle = _mm256_loadu_si256((const __m256i *)table->shuffle);
    const __m256i shifts = _mm256_loadu_si256((const __m256i *)table->shifts);
    const __m256i mask = _mm256_set1_epi32((int)((1u << width) - 1));
    int32_t i = 0;
    size_t group = 0;
    for (; i + 8 <= count && group + table->upper + 16 <= available; i += 8, group += (size_t)width) {
        const __m128i low = _mm_loadu_si128((const __m128i *)(in + group));
        const __m128i high = _mm_loadu_si128((const __m128i *)(in + group + table->upper));
        __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
        v = _mm256_shuffle_epi8(v, shuffle);
        v = _mm256_srlv_epi32(v, shifts);
        _mm256_storeu_si256((__m256i *)(out + i), _mm256_and_si256(v, mask));
    }
    return i;
}
#endif

void cq_unpack(const uint8_t *in, uint32_t *out, int32_t count, int32_t width, size_t available) {
    int32_t done = 0;
#if defined(__x86_64__)
    if (has_avx2 && width >= 1 && width <= SIMD_WIDTHS) done = unpack_avx2(in, out, count, width, available);
#endif
    unpack_scalar(in + (size_t)(done / 8) * (size_t)width, out + done, count - done, width);
}
