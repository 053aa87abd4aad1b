/* Word segmentation with ICU's word break iterator over UTF-8 text (see cquarry.h). */
#include "cquarry.h"
#include "icu_message.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct cq_segmenter {
    UBreakIterator *iterator;
    UText text;
    int32_t last; /* the boundary the next segment starts at */
};

cq_segmenter *cq_segmenter_open(const char *locale, char *message, int32_t message_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    cq_segmenter *segmenter = calloc(1, sizeof(cq_segmenter));
    if (segmenter == NULL) return NULL;
    segmenter->iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        cq_icu_message(message, message_capacity, "ubrk_open", status);
        free(segmenter);
        return NULL;
    }
    UText initial = UTEXT_INITIALIZER;
    segmenter->text = initial;
    return segmenter;
}

void cq_segmenter_close(cq_segmenter *segmenter) {
    if (segmenter == NULL) return;
    ubrk_close(segmenter->iterator);
    utext_close(&segmenter->text);
    free(segmenter);
}

int32_t cq_segmenter_set_text(cq_segmenter *segmenter, const uint8_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    static const char empty[1] = {0};
    utext_openUTF8(&segmenter->text, length > 0 ? (const char *)text : empty, length, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    ubrk_setUText(segmenter->iterator, &segmenter->text, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    segmenter->last = ubrk_first(segmenter->iterator);
    return 0;
}

int32_t cq_segmenter_next_words(cq_segmenter *segmenter, cq_segment *out, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t end = ubrk_next(segmenter->iterator);
        if (end == UBRK_DONE) break;
        int32_t status = ubrk_getRuleStatus(segmenter->iterator);
        if (status >= CQ_WORD_NONE_LIMIT) {
            out[count].start = segmenter->last;
            out[count].end = end;
            out[count].status = status;
            count++;
        }
        segmenter->last = end;
    }
    return count;
}
