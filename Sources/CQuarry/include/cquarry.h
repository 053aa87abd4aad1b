/*
 * cquarry.h: the plain C API between Quarry's Swift code and the C libraries it uses.
 *
 * ICU, libstemmer, zlib, zstd and libxml2 headers are included only by the .c files of this
 * target: ICU's headers clash with the ICU module Foundation bundles when one Swift module
 * sees both, so Swift sees nothing but the declarations below.
 *
 * Conventions: text is UTF-8, lengths and offsets are in bytes, functions that fill a
 * caller's buffer return the length they need (call again with a larger buffer when it is
 * more than the capacity given), and a negative return is an error.
 */
#ifndef CQUARRY_H
#define CQUARRY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Memory ---- */

/** Hints that `address` will be read soon (a cache prefetch); never faults. */
static inline void cq_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/* ---- Bit unpacking ---- */

/**
 * Unpacks `count` values of `width` bits (0 to 32), packed little-endian least significant bits
 * first, from `in` into `out`. `available` bytes from `in` are readable, at least the packed
 * data and 8 bytes more: the vector path reads up to 16 bytes past a group of eight values
 * where they are available, and never past them.
 */
void cq_unpack(const uint8_t *in, uint32_t *out, int32_t count, int32_t width, size_t available);

/* ---- Word segmentation (ICU word break iterator, UAX #29 plus dictionaries) ---- */

/** Rule status limits of ICU's word break iterator (UBRK_WORD_*). */
enum {
    CQ_WORD_NONE_LIMIT = 100,   /* [0, 100): spaces, punctuation, symbols, emoji */
    CQ_WORD_NUMBER_LIMIT = 200, /* [100, 200): numbers */
    CQ_WORD_LETTER_LIMIT = 300, /* [200, 300): letters */
    CQ_WORD_KANA_LIMIT = 400,   /* [300, 400): kana */
    CQ_WORD_IDEO_LIMIT = 500    /* [400, 500): ideographs */
};

/** One segment of the text: a byte range and ICU's rule status for it. */
typedef struct cq_segment {
    int32_t start;
    int32_t end;
    int32_t status;
} cq_segment;

typedef struct cq_segmenter cq_segmenter;

/**
 * Opens a word break iterator for `locale` ("" for the root rules, which segment every script).
 * Returns NULL on failure and writes ICU's message into `message`.
 */
cq_segmenter *cq_segmenter_open(const char *locale, char *message, int32_t message_capacity);
void cq_segmenter_close(cq_segmenter *segmenter);

/**
 * Points the iterator at `length` bytes of valid UTF-8; the bytes must stay alive and unchanged
 * until the next call. Returns 0, or an ICU error code.
 */
int32_t cq_segmenter_set_text(cq_segmenter *segmenter, const uint8_t *text, int32_t length);

/**
 * Writes up to `capacity` of the next word-like segments (rule status >= CQ_WORD_NONE_LIMIT)
 * into `out`; returns how many, 0 at the end of the text.
 */
int32_t cq_segmenter_next_words(cq_segmenter *segmenter, cq_segment *out, int32_t capacity);

/* ---- Normalization (ICU) ---- */

typedef struct cq_folder cq_folder;

/** Opens the NFKC_Casefold, NFD and NFC normalizers. NULL on failure, with ICU's message. */
cq_folder *cq_folder_open(char *message, int32_t message_capacity);
void cq_folder_close(cq_folder *folder);

/**
 * NFKC case folding of `length` bytes of UTF-8, with the apostrophe variants U+2019, U+02BC and
 * U+FF07 written as U+0027. Writes at most `capacity` bytes to `out` and returns the folded
 * length (more than `capacity`: call again with a buffer that large), or -1 on an ICU error.
 */
int32_t cq_casefold(cq_folder *folder, const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity);

/**
 * Removes accents: nonspacing marks that follow a Latin, Greek, Cyrillic, Arabic, Hebrew or
 * Common-script letter after canonical decomposition (so é gives e, and Arabic harakat go),
 * then recomposes (NFC). Marks of scripts where they are part of the letters (Devanagari and
 * the other Indic scripts, Thai, Lao, Khmer, Myanmar, ...) are kept. Arabic orthographic
 * variants are unified as well (tatweel dropped; teh marbuta, alef maksura and alef wasla
 * written as heh, yeh and alef). Same buffer contract as cq_casefold.
 */
int32_t cq_fold_diacritics(cq_folder *folder, const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity);

/* ---- Stemming (Snowball, libstemmer) ---- */

typedef struct cq_stemmer cq_stemmer;

/** A NULL-terminated list of the canonical names of libstemmer's algorithms. */
const char **cq_stemmer_algorithms(void);

/** Opens the UTF-8 stemmer for `algorithm` (a canonical name or an ISO 639 code); NULL if unknown. */
cq_stemmer *cq_stemmer_open(const char *algorithm);
void cq_stemmer_close(cq_stemmer *stemmer);

/**
 * Stems `length` bytes of lowercase UTF-8. Sets `*out` to the stem, which lives in the stemmer
 * until its next call, and returns its length; -1 when out of memory.
 */
int32_t cq_stemmer_stem(cq_stemmer *stemmer, const uint8_t *word, int32_t length, const uint8_t **out);

/* ---- Compressed input (zlib's gz* API: gzip files, also plain files read as they are) ---- */

typedef struct cq_gzfile cq_gzfile;

/** Opens `path` for reading; NULL with errno set on failure. */
cq_gzfile *cq_gz_open(const char *path);

/** Reads up to `capacity` decompressed bytes; returns how many (0 at the end), or -1 on error:
 * a read error, damaged compressed data, or a gzip stream cut short (truncated, or without its
 * trailer), which zlib alone would take for the end. Bytes before the damage are returned by
 * the calls before the one that returns -1. */
int64_t cq_gz_read(cq_gzfile *file, uint8_t *out, int64_t capacity);

/** Bytes of the file (compressed) consumed so far. */
int64_t cq_gz_offset(cq_gzfile *file);

/** The last error's message (zlib's, or the system's), without the path. */
const char *cq_gz_error(cq_gzfile *file);

void cq_gz_close(cq_gzfile *file);

/* ---- HTML text extraction (libxml2's HTML parser) ---- */

/** The title, visible text and metadata of an HTML page, in malloc'd UTF-8 (free with cq_html_free). */
typedef struct cq_html_text {
    char *title;
    int64_t title_length;
    char *text;
    int64_t text_length;
    /** Triples of NUL-terminated strings, `meta_length` bytes in all: "meta", a
        `<meta>`'s name (or property) and its content; or "link", a `<link>`'s rel and its href.
        Entities decoded, in page order. */
    char *meta;
    int64_t meta_length;
} cq_html_text;

/**
 * Parses `length` bytes of UTF-8 HTML (recovering from errors, never fetching anything) and
 * extracts `<title>` and the text of the page, skipping scripts, styles and other non-text
 * elements, with a line break after each block element, and the `<meta>` and `<link>` elements'
 * keys and values. Returns 0, or -1 when nothing parses.
 */
int32_t cq_html_extract(const uint8_t *html, int64_t length, cq_html_text *out);

void cq_html_free(cq_html_text *text);

/* ---- CRC32C (Castagnoli), with SSE4.2's crc32 instruction where the CPU has it ---- */

/** Continues a CRC32C over `length` bytes: start with crc = 0, pass the previous result to go on. */
uint32_t cq_crc32c(uint32_t crc, const uint8_t *bytes, size_t length);

/* ---- zstd block compression, for stored fields ---- */

/** The largest compressed size of `length` bytes. */
size_t cq_zstd_bound(size_t length);

/** A compression context, reused from block to block as zstd advises (ZSTD_compress allocates
    and frees one per call). One per thread. */
typedef struct cq_zstd_compressor cq_zstd_compressor;

/** A context compressing at `level`, each frame with a checksum of its content (checked by
    cq_zstd_decompress), or NULL when out of memory. */
cq_zstd_compressor *cq_zstd_compressor_open(int level);
void cq_zstd_compressor_close(cq_zstd_compressor *compressor);

/** Compresses into `out` (capacity from cq_zstd_bound); returns the compressed length, 0 on error. */
size_t cq_zstd_compress(cq_zstd_compressor *compressor, const uint8_t *bytes, size_t length, uint8_t *out, size_t capacity);

/** Decompresses exactly `length` bytes into `out`; returns 0 on success, -1 when corrupt (or
    when the frame's content checksum, if it has one, does not match). */
int32_t cq_zstd_decompress(const uint8_t *bytes, size_t compressed, uint8_t *out, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* CQUARRY_H */
