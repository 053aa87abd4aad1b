/* HTML text extraction with libxml2 (see cquarry.h). */
#include "cquarry.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct text_buffer {
    char *bytes;
    int64_t length;
    int64_t capacity;
} text_buffer;

static int append(text_buffer *buffer, const char *bytes, int64_t length) {
    if (buffer->length + length + 1 > buffer->capacity) {
        int64_t capacity = buffer->capacity > 0 ? buffer->capacity : 4096;
        while (buffer->length + length + 1 > capacity) capacity *= 2;
        char *grown = realloc(buffer->bytes, (size_t)capacity);
        if (grown == NULL) return 0;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, bytes, (size_t)length);
    buffer->length += length;
    buffer->bytes[buffer->length] = 0;
    return 1;
}

/* Ends the current line unless the text already ends with one. */
static void line_break(text_buffer *buffer) {
    if (buffer->length > 0 && buffer->bytes[buffer->length - 1] != '\n') append(buffer, "\n", 1);
}

static int is_named(const xmlNode *node, const char *const *names) {
    for (; *names != NULL; names++) {
        if (strcasecmp((const char *)node->name, *names) == 0) return 1;
    }
    return 0;
}

static const char *const skipped[] = {
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "canvas", NULL
};
static const char *const blocks[] = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "hr",
    "figure", "figcaption", "address", "main", "form", "fieldset", "title", "td", "th", NULL
};

/* Appends the text under `node`, collapsing runs of whitespace into one space. Iterative, so
   deeply nested markup cannot exhaust the stack. */
static void collect(const xmlNode *root, text_buffer *buffer) {
    const xmlNode *node = root->children;
    while (node != NULL) {
        int descend = 0;
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            const char *text = (const char *)node->content;
            if (text != NULL) {
                for (const char *p = text; *p; p++) {
                    char c = *p;
                    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                        if (buffer->length > 0 && buffer->bytes[buffer->length - 1] != ' ' &&
                            buffer->bytes[buffer->length - 1] != '\n') {
                            append(buffer, " ", 1);
                        }
                    } else {
                        append(buffer, p, 1);
                    }
                }
            }
        } else if (node->type == XML_ELEMENT_NODE) {
            if (!is_named(node, skipped)) {
                if (is_named(node, blocks)) line_break(buffer);
                descend = node->children != NULL;
            }
        }
        if (descend) {
            node = node->children;
            continue;
        }
        /* Next sibling, climbing up (and closing blocks) as needed. */
        while (node != NULL && node != root && node->next == NULL) {
            node = node->parent;
            if (node != NULL && node != root && node->type == XML_ELEMENT_NODE && is_named(node, blocks)) line_break(buffer);
        }
        if (node == NULL || node == root) break;
        if (node->type == XML_ELEMENT_NODE && is_named(node, blocks)) line_break(buffer);
        node = node->next;
    }
}

/* The node after `node` in document order under `root` (an element's children first), or NULL
   after the last: a walk without recursion. */
static const xmlNode *next_in_order(const xmlNode *node, const xmlNode *root) {
    if (node->children != NULL && node->type == XML_ELEMENT_NODE) return node->children;
    while (node != NULL && node != root && node->next == NULL) node = node->parent;
    return node == NULL || node == root ? NULL : node->next;
}

static const xmlNode *find_element(const xmlNode *root, const char *name) {
    for (const xmlNode *node = root; node != NULL; node = next_in_order(node, root)) {
        if (node->type == XML_ELEMENT_NODE && strcasecmp((const char *)node->name, name) == 0) return node;
    }
    return NULL;
}

/* The value of `node`'s attribute `name` (any case), malloc'd by libxml2 (xmlFree it), or NULL. */
static xmlChar *attribute(const xmlNode *node, const char *name) {
    for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
        if (strcasecmp((const char *)attr->name, name) == 0) return xmlNodeListGetString(node->doc, attr->children, 1);
    }
    return NULL;
}

/* Appends `text` and its terminating NUL. */
static void append_string(text_buffer *buffer, const xmlChar *text) {
    append(buffer, (const char *)text, (int64_t)strlen((const char *)text) + 1);
}

/* Appends, for each `<meta>` with a name (or property) and a content, and each `<link>` with a rel
   and an href, anywhere in the page, three NUL-terminated strings: the element's name ("meta" or
   "link"), the key and the value. */
static void collect_meta(const xmlNode *root, text_buffer *buffer) {
    for (const xmlNode *node = root; node != NULL; node = next_in_order(node, root)) {
        if (node->type == XML_ELEMENT_NODE) {
            int is_meta = strcasecmp((const char *)node->name, "meta") == 0;
            if (is_meta || strcasecmp((const char *)node->name, "link") == 0) {
                xmlChar *key = attribute(node, is_meta ? "name" : "rel");
                if (is_meta && (key == NULL || key[0] == 0)) {
                    xmlFree(key);
                    key = attribute(node, "property");
                }
                xmlChar *value = attribute(node, is_meta ? "content" : "href");
                if (key != NULL && value != NULL) {
                    append_string(buffer, (const xmlChar *)(is_meta ? "meta" : "link"));
                    append_string(buffer, key);
                    append_string(buffer, value);
                }
                xmlFree(key);
                xmlFree(value);
            }
        }
    }
}

int32_t cq_html_extract(const uint8_t *html, int64_t length, cq_html_text *out) {
    memset(out, 0, sizeof(*out));
    if (length > 0x7FFFFFFF) return -1;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    htmlDocPtr document = htmlReadMemory((const char *)html, (int)length, NULL, "UTF-8", options);
    if (document == NULL) return -1;
    const xmlNode *root = xmlDocGetRootElement(document);
    text_buffer title = {0}, text = {0}, meta = {0};
    if (root != NULL) {
        collect_meta(root, &meta);
        const xmlNode *title_node = find_element(root, "title");
        if (title_node != NULL) collect(title_node, &title);
        const xmlNode *body = find_element(root, "body");
        collect(body != NULL ? body : root, &text);
    }
    xmlFreeDoc(document);
    out->title = title.bytes;
    out->title_length = title.length;
    out->text = text.bytes;
    out->text_length = text.length;
    out->meta = meta.bytes;
    out->meta_length = meta.length;
    return 0;
}

void cq_html_free(cq_html_text *text) {
    free(text->title);
    free(text->text);
    free(text->meta);
    memset(text, 0, sizeof(*text));
}
