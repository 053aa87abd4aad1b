/* Names libxml2 for pkg-config's flags (libxml-2.0). Only CQuarry's C files include its headers. */
#include <libxml/HTMLparser.h>
