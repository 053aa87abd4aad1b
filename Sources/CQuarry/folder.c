/* Case and accent folding with ICU's normalizers (see cquarry.h). */
#include "cquarry.h"
#include "icu_message.h"

#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

struct cq_folder {
    const UNormalizer2 *casefold;
    const UNormalizer2 *nfd;
    const UNormalizer2 *nfc;
    UChar *a; /* scratch UTF-16 buffers */
    UChar *b;
    int32_t capacity;
};

cq_folder *cq_folder_open(char *message, int32_t message_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    cq_folder *folder = calloc(1, sizeof(cq_folder));
    if (folder == NULL) return NULL;
    folder->casefold = unorm2_getNFKCCasefoldInstance(&status);
    if (U_SUCCESS(status)) folder->nfd = unorm2_getNFDInstance(&status);
    if (U_SUCCESS(status)) folder->nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) {
        cq_icu_message(message, message_capacity, "unorm2_get*Instance", status);
        free(folder);
        return NULL;
    }
    return folder;
}

void cq_folder_close(cq_folder *folder) {
    if (folder == NULL) return;
    free(folder->a);
    free(folder->b);
    free(folder);
}

/* Makes both scratch buffers hold at least `needed` UTF-16 units. */
static int reserve(cq_folder *folder, int32_t needed) {
    if (needed <= folder->capacity) return 1;
    int32_t capacity = folder->capacity > 0 ? folder->capacity : 64;
    while (capacity < needed) capacity *= 2;
    UChar *a = realloc(folder->a, sizeof(UChar) * (size_t)capacity);
    if (a == NULL) return 0;
    folder->a = a;
    UChar *b = realloc(folder->b, sizeof(UChar) * (size_t)capacity);
    if (b == NULL) return 0;
    folder->b = b;
    folder->capacity = capacity;
    return 1;
}

/* UTF-8 into folder->a; returns its length in UTF-16 units, or -1. */
static int32_t load(cq_folder *folder, const uint8_t *text, int32_t length) {
    if (!reserve(folder, length + 1)) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8WithSub(folder->a, folder->capacity, &units, (const char *)text, length, 0xFFFD, NULL, &status);
    return U_FAILURE(status) ? -1 : units;
}

/* Normalizes src (in folder->a or ->b) into the other buffer, growing both as needed. */
static int32_t normalize(cq_folder *folder, const UNormalizer2 *normalizer, int from_a, int32_t length) {
    for (;;) {
        UErrorCode status = U_ZERO_ERROR;
        UChar *src = from_a ? folder->a : folder->b;
        UChar *dst = from_a ? folder->b : folder->a;
        int32_t n = unorm2_normalize(normalizer, src, length, dst, folder->capacity, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            if (!reserve(folder, n + 1)) return -1;
            continue;
        }
        return U_FAILURE(status) ? -1 : n;
    }
}

static int32_t store(const UChar *units, int32_t length, uint8_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8WithSub((char *)out, capacity, &n, units, length, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return n;
    return U_FAILURE(status) ? -1 : n;
}

int32_t cq_casefold(cq_folder *folder, const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity) {
    int32_t n = load(folder, text, length);
    if (n < 0) return -1;
    n = normalize(folder, folder->casefold, 1, n);
    if (n < 0) return -1;
    UChar *units = folder->b;
    for (int32_t i = 0; i < n; i++) {
        if (units[i] == 0x2019 || units[i] == 0x02BC || units[i] == 0xFF07) units[i] = 0x27;
    }
    return store(units, n, out, capacity);
}

/* Scripts whose nonspacing marks are accents rather than parts of letters. */
static int accents_fold(UScriptCode script) {
    switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
    case USCRIPT_COMMON:
        return 1;
    default:
        return 0;
    }
}

int32_t cq_fold_diacritics(cq_folder *folder, const uint8_t *text, int32_t length, uint8_t *out, int32_t capacity) {
    int32_t n = load(folder, text, length);
    if (n < 0) return -1;
    n = normalize(folder, folder->nfd, 1, n);
    if (n < 0) return -1;
    /* Drop accents from b into a, then recompose a into b. */
    UChar *src = folder->b;
    UChar *dst = folder->a;
    int32_t kept = 0;
    UScriptCode base = USCRIPT_COMMON;
    for (int32_t i = 0; i < n;) {
        int32_t start = i;
        UChar32 c;
        U16_NEXT(src, i, n, c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (accents_fold(base)) continue;
        } else if (c == 0x0640) {
            continue; /* Arabic tatweel: elongation, not a letter */
        } else {
            UErrorCode status = U_ZERO_ERROR;
            base = uscript_getScript(c, &status);
        }
        /* Arabic letter variants written interchangeably: teh marbuta as heh, alef maksura as
           yeh, alef wasla as alef (hamza and madda forms of alef lost their marks above). */
        if (c == 0x0629) { dst[kept++] = 0x0647; continue; }
        if (c == 0x0649) { dst[kept++] = 0x064A; continue; }
        if (c == 0x0671) { dst[kept++] = 0x0627; continue; }
        while (start < i) dst[kept++] = src[start++];
    }
    n = normalize(folder, folder->nfc, 1, kept);
    if (n < 0) return -1;
    return store(folder->b, n, out, capacity);
}
