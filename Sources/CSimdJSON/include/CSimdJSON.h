// A C view of simdjson's DOM parser for the JSONData layer: a document becomes a flat list of
// events in document order, which Swift turns into template values.
#ifndef VORLAGE_CSIMDJSON_H
#define VORLAGE_CSIMDJSON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What one event stands for.
typedef enum vorlage_json_kind {
    VORLAGE_JSON_NULL = 0,
    VORLAGE_JSON_FALSE = 1,
    VORLAGE_JSON_TRUE = 2,
    /// A number without fraction or exponent that fits a signed 64-bit integer: `number.integer`.
    VORLAGE_JSON_INTEGER = 3,
    /// A number without fraction or exponent above INT64_MAX that fits 64 bits: `number.unsigned_integer`.
    VORLAGE_JSON_UNSIGNED = 4,
    /// Any other number: `number.real`.
    VORLAGE_JSON_REAL = 5,
    /// A string value: `count` bytes of UTF-8 at `text`, escapes resolved.
    VORLAGE_JSON_STRING = 6,
    /// An array of `count` values, which follow.
    VORLAGE_JSON_ARRAY = 7,
    /// An object of `count` members, which follow, each a key event and then its value.
    VORLAGE_JSON_OBJECT = 8,
    /// A member's key: `count` bytes of UTF-8 at `text`, escapes resolved.
    VORLAGE_JSON_KEY = 9,
} vorlage_json_kind;

/// One value, key or container start of a parsed document.
typedef struct vorlage_json_event {
    uint64_t count;
    const char *text;
    union {
        int64_t integer;
        uint64_t unsigned_integer;
        double real;
    } number;
    uint8_t kind;
} vorlage_json_event;

/// A parser with its buffers, reused from document to document; one thread at a time.
typedef struct vorlage_json_reader vorlage_json_reader;

/// A new reader, or NULL when memory is short.
vorlage_json_reader *vorlage_json_reader_create(void);

/// Frees a reader and everything its last document's events point to.
void vorlage_json_reader_destroy(vorlage_json_reader *reader);

/// Parses `length` bytes of JSON. On success returns 0 and sets `events` and `count`; they, and
/// the text they point to, stay valid until the next call or until the reader is destroyed.
/// Every string and key the events point to is valid UTF-8: a document with a string that is not
/// (an escaped lone surrogate) fails with simdjson's UTF8_ERROR.
/// On failure returns simdjson's error code (never 0) and leaves `events` untouched.
int vorlage_json_read(vorlage_json_reader *reader, const char *bytes, size_t length,
                      const vorlage_json_event **events, size_t *count);

/// simdjson's English description of an error code `vorlage_json_read` returned.
const char *vorlage_json_error_message(int code);

#ifdef __cplusplus
}
#endif

#endif
