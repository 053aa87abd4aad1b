/* Snowball stemming through libstemmer (see cquarry.h). */
#include "cquarry.h"

#include <libstemmer.h>

/* cq_stemmer is libstemmer's sb_stemmer under an opaque name. */

const char **cq_stemmer_algorithms(void) {
    return sb_stemmer_list();
}

cq_stemmer *cq_stemmer_open(const char *algorithm) {
    return (cq_stemmer *)sb_stemmer_new(algorithm, "UTF_8");
}

void cq_stemmer_close(cq_stemmer *stemmer) {
    sb_stemmer_delete((struct sb_stemmer *)stemmer);
}

int32_t cq_stemmer_stem(cq_stemmer *stemmer, const uint8_t *word, int32_t length, const uint8_t **out) {
    const sb_symbol *stem = sb_stemmer_stem((struct sb_stemmer *)stemmer, word, length);
    if (stem == NULL) return -1;
    *out = stem;
    return sb_stemmer_length((struct sb_stemmer *)stemmer);
}
