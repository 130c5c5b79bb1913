// simdjson's DOM, flattened into events for Swift (see include/CSimdJSON.h).
#include "CSimdJSON.h"

#include <new>
#include <simdjson.h>
#include <string_view>
#include <vector>

struct vorlage_json_reader {
    simdjson::dom::parser parser;
    std::vector<vorlage_json_event> events;
};

namespace {

vorlage_json_event make(vorlage_json_kind kind, uint64_t count = 0, const char *text = nullptr) {
    vorlage_json_event event{};
    event.kind = static_cast<uint8_t>(kind);
    event.count = count;
    event.text = text;
    return event;
}

// Whether a string's bytes, escapes resolved, are valid UTF-8. simdjson checks the input as a
// whole; this checks what unescaping made of it too, so that Swift may take every string's bytes
// without checking them again (JSONReader.text(of:)).
bool valid(std::string_view text) {
    return simdjson::validate_utf8(text.data(), text.size());
}

// Appends the events of `element` and everything in it; false when a string or key is not
// valid UTF-8. Depth is bounded by the parser's maximum depth (1024 by default), so the
// recursion is too.
bool append(std::vector<vorlage_json_event> &events, simdjson::dom::element element) {
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::ARRAY: {
        simdjson::dom::array array = element.get_array().value_unsafe();
        events.push_back(make(VORLAGE_JSON_ARRAY, array.size()));
        for (simdjson::dom::element item : array) {
            if (!append(events, item)) return false;
        }
        break;
    }
    case element_type::OBJECT: {
        simdjson::dom::object object = element.get_object().value_unsafe();
        events.push_back(make(VORLAGE_JSON_OBJECT, object.size()));
        for (simdjson::dom::key_value_pair member : object) {
            if (!valid(member.key)) return false;
            events.push_back(make(VORLAGE_JSON_KEY, member.key.size(), member.key.data()));
            if (!append(events, member.value)) return false;
        }
        break;
    }
    case element_type::STRING: {
        std::string_view text = element.get_string().value_unsafe();
        if (!valid(text)) return false;
        events.push_back(make(VORLAGE_JSON_STRING, text.size(), text.data()));
        break;
    }
    case element_type::INT64: {
        vorlage_json_event event = make(VORLAGE_JSON_INTEGER);
        event.number.integer = element.get_int64().value_unsafe();
        events.push_back(event);
        break;
    }
    case element_type::UINT64: {
        vorlage_json_event event = make(VORLAGE_JSON_UNSIGNED);
        event.number.unsigned_integer = element.get_uint64().value_unsafe();
        events.push_back(event);
        break;
    }
    case element_type::DOUBLE: {
        vorlage_json_event event = make(VORLAGE_JSON_REAL);
        event.number.real = element.get_double().value_unsafe();
        events.push_back(event);
        break;
    }
    case element_type::BOOL:
        events.push_back(make(element.get_bool().value_unsafe() ? VORLAGE_JSON_TRUE : VORLAGE_JSON_FALSE));
        break;
    case element_type::NULL_VALUE:
        events.push_back(make(VORLAGE_JSON_NULL));
        break;
    }
    return true;
}

} // namespace

extern "C" vorlage_json_reader *vorlage_json_reader_create(void) {
    return new (std::nothrow) vorlage_json_reader();
}

extern "C" void vorlage_json_reader_destroy(vorlage_json_reader *reader) {
    delete reader;
}

extern "C" int vorlage_json_read(vorlage_json_reader *reader, const char *bytes, size_t length,
                                 const vorlage_json_event **events, size_t *count) {
    try {
        simdjson::dom::element root;
        // The input is copied into the parser's padded buffer: a caller's bytes need no padding.
        simdjson::error_code error = reader->parser.parse(bytes, length, true).get(root);
        if (error != simdjson::SUCCESS) return static_cast<int>(error);
        reader->events.clear();
        if (!append(reader->events, root)) return static_cast<int>(simdjson::UTF8_ERROR);
        *events = reader->events.data();
        *count = reader->events.size();
        return 0;
    } catch (const std::bad_alloc &) {
        return static_cast<int>(simdjson::MEMALLOC);
    }
}

extern "C" const char *vorlage_json_error_message(int code) {
    return simdjson::error_message(static_cast<simdjson::error_code>(code));
}
