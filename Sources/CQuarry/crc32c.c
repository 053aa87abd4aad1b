/* CRC32C (see cquarry.h): SSE4.2 crc32 instructions when available, three streams at a time,
 * else a table. */
#include "cquarry.h"

#include <string.h>

static uint32_t table[256];
static int has_sse42;

/* The crc32 instruction takes 3 cycles and can start every cycle, so three independent streams
 * over three consecutive chunks run about three times as fast as one. Their CRCs are joined by
 * shifting: the CRC register is linear, so the register after A then B is the register after A
 * advanced over |B| zero bytes, xor B's register from zero. Advancing over a chunk's length is
 * a linear map of 32 bits, kept as four tables of 256 (one per byte of the register), as in
 * Mark Adler's crc32c.c. */
#define LONG_CHUNK 8192
#define SHORT_CHUNK 256
static uint32_t shift_long[4][256];
static uint32_t shift_short[4][256];

/* The raw register (no inversions) advanced over `count` zero bytes, by the table. */
static uint32_t advance_over_zeros(uint32_t crc, size_t count) {
    for (size_t i = 0; i < count; i++) crc = table[crc & 0xFF] ^ (crc >> 8);
    return crc;
}

static void make_shift_table(uint32_t shift[4][256], size_t count) {
    uint32_t basis[32];
    for (int bit = 0; bit < 32; bit++) basis[bit] = advance_over_zeros(1u << bit, count);
    for (int k = 0; k < 4; k++) {
        for (uint32_t byte = 0; byte < 256; byte++) {
            uint32_t value = 0;
            for (int bit = 0; bit < 8; bit++) {
                if (byte & (1u << bit)) value ^= basis[8 * k + bit];
            }
            shift[k][byte] = value;
        }
    }
}

static inline uint32_t shifted(uint32_t shift[4][256], uint32_t crc) {
    return shift[0][crc & 0xFF] ^ shift[1][(crc >> 8) & 0xFF] ^ shift[2][(crc >> 16) & 0xFF] ^ shift[3][crc >> 24];
}

/* Runs when the library loads, before any thread can call cq_crc32c. */
__attribute__((constructor))
static void initialize(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t crc = i;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        table[i] = crc;
    }
    make_shift_table(shift_long, LONG_CHUNK);
    make_shift_table(shift_short, SHORT_CHUNK);
#if defined(__x86_64__)
    has_sse42 = __builtin_cpu_supports("sse4.2") ? 1 : 0;
#endif
}

static uint32_t crc32c_table(uint32_t crc, const uint8_t *bytes, size_t length) {
    crc = ~crc;
    for (size_t i = 0; i < length; i++) crc = table[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

__attribute__((target("sse4.2")))
static inline uint64_t load64(const uint8_t *bytes) {
    uint64_t word;
    memcpy(&word, bytes, 8);
    return word;
}

/* Three chunks of `chunk` bytes at a time while they last, joined by `shift`. */
__attribute__((target("sse4.2")))
static uint64_t crc32c_streams(uint64_t c, const uint8_t **bytes, size_t *length, size_t chunk, uint32_t shift[4][256]) {
    const uint8_t *next = *bytes;
    while (*length >= 3 * chunk) {
        uint64_t c1 = 0, c2 = 0;
        const uint8_t *end = next + chunk;
        do {
            c = _mm_crc32_u64(c, load64(next));
            c1 = _mm_crc32_u64(c1, load64(next + chunk));
            c2 = _mm_crc32_u64(c2, load64(next + 2 * chunk));
            next += 8;
        } while (next < end);
        c = shifted(shift, (uint32_t)c) ^ c1;
        c = shifted(shift, (uint32_t)c) ^ c2;
        next += 2 * chunk;
        *length -= 3 * chunk;
    }
    *bytes = next;
    return c;
}

__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *bytes, size_t length) {
    uint64_t c = ~crc;
    c = crc32c_streams(c, &bytes, &length, LONG_CHUNK, shift_long);
    c = crc32c_streams(c, &bytes, &length, SHORT_CHUNK, shift_short);
    while (length >= 8) {
        c = _mm_crc32_u64(c, load64(bytes));
        bytes += 8;
        length -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (length > 0) {
        c32 = _mm_crc32_u8(c32, *bytes++);
        length--;
    }
    return ~c32;
}
#endif

uint32_t cq_crc32c(uint32_t crc, const uint8_t *bytes, size_t length) {
#if defined(__x86_64__)
    if (has_sse42) return crc32c_sse42(crc, bytes, length);
#endif
    return crc32c_table(crc, bytes, length);
}
