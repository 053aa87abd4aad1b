/* Names ICU for pkg-config's flags (icu-i18n, icu-uc). Only CQuarry's C files include ICU headers. */
#include <unicode/utypes.h>
