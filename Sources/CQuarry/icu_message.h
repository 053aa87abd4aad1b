/* Internal: formats an ICU error for the caller's message buffer. */
#ifndef CQUARRY_ICU_MESSAGE_H
#define CQUARRY_ICU_MESSAGE_H

#include <stdint.h>
#include <stdio.h>
#include <unicode/utypes.h>

static inline void cq_icu_message(char *message, int32_t capacity, const char *what, UErrorCode status) {
    if (message != NULL && capacity > 0) snprintf(message, (size_t)capacity, "%s: %s", what, u_errorName(status));
}

#endif
