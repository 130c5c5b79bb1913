internal import CSimdJSON
public import Foundation
public import Templating

/// Reads template data from JSON: simdjson parses a document, and its values become a ``Value``.
///
/// This is what a caller with JSON in hand uses (a service's request, the peers' benchmark data):
/// it reads the peers' 6.5 KB documents with a third of the instructions that
/// `JSONSerialization` and ``Value/init(jsonObject:)`` take together (docs/performance.md).
///
/// The values are those of `Value(jsonObject: JSONSerialization.jsonObject(…))`: map keys sorted
/// (of a key given twice, the last value counts), strings, booleans and null alike. A document
/// simdjson refuses (invalid JSON, but also what `JSONSerialization` accepts beyond the standard:
/// a trailing comma, an integer beyond 64 bits) is read by `JSONSerialization` instead, so that
/// such a document is accepted as before and a broken one is reported with its line and column.
///
/// Numbers are more exact: a 64-bit integer as it is written, and any other number as the
/// shortest decimal that reads back as the same `Double` (12345678.875 stays 12345678.875). The
/// `Decimal` of `JSONSerialization`'s number goes through a `Double` and its binary digits
/// (9223372036854775807 becomes 9223372036854775808, 12345678.875 becomes 12345678.875000000512).
///
/// A reader keeps its parser's buffers from document to document; use one per thread.
public final class JSONReader {
    /// The parser; this reader is its only owner.
    private let reader: OpaquePointer

    /// A reader with a fresh parser.
    public init() throws(JSONDataError) {
        guard let reader = vorlage_json_reader_create() else {
            throw JSONDataError(.outOfMemory, source: "JSON", "Für das Lesen von JSON ist nicht genug Speicher frei.")
        }
        self.reader = reader
    }

    deinit {
        vorlage_json_reader_destroy(reader)
    }

    /// The value of the JSON document in `bytes`, which came from `source` (named in errors).
    public func value(of bytes: Data, source: String) throws(JSONDataError) -> Value {
        let parsed: Value? = bytes.withUnsafeBytes { buffer in
            var events: UnsafePointer<vorlage_json_event>?
            var count = 0
            let code = vorlage_json_read(reader, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count, &events, &count)
            guard code == 0, let events else { return nil }
            var next = 0
            return Self.value(UnsafeBufferPointer(start: events, count: count), at: &next)
        }
        if let parsed { return parsed }
        return try Self.valueByFoundation(bytes, source: source)
    }

    /// The value whose first event is `events[next]`; leaves `next` after its last event.
    private static func value(_ events: UnsafeBufferPointer<vorlage_json_event>, at next: inout Int) -> Value {
        let event = events[next]
        next += 1
        switch vorlage_json_kind(UInt32(event.kind)) {
        case VORLAGE_JSON_STRING:
            return .string(text(of: event))
        case VORLAGE_JSON_OBJECT:
            var members: [(String, Value)] = []
            members.reserveCapacity(Int(event.count))
            for _ in 0..<event.count {
                let key = text(of: events[next])
                next += 1
                members.append((key, value(events, at: &next)))
            }
            // Sorted as Value(jsonObject:) sorts; the sort is stable, and OrderedMap keeps the
            // last value of a key given twice, as JSONSerialization's dictionary does.
            members.sort { $0.0 < $1.0 }
            return .map(Value.OrderedMap(members))
        case VORLAGE_JSON_ARRAY:
            var items: [Value] = []
            items.reserveCapacity(Int(event.count))
            for _ in 0..<event.count { items.append(value(events, at: &next)) }
            return .list(items)
        case VORLAGE_JSON_INTEGER:
            return .number(Decimal(event.number.integer))
        case VORLAGE_JSON_UNSIGNED:
            return .number(Decimal(event.number.unsigned_integer))
        case VORLAGE_JSON_REAL:
            // Swift's description of a Double is the shortest text that reads back as it. Only a
            // number beyond Decimal's range (about 10^165) takes the Double's own conversion.
            let real = event.number.real
            return .number(Decimal(string: real.description, locale: nil) ?? NSNumber(value: real).decimalValue)
        case VORLAGE_JSON_TRUE:
            return .bool(true)
        case VORLAGE_JSON_FALSE:
            return .bool(false)
        default:
            return .null
        }
    }

    /// The UTF-8 text of a string or key event.
    ///
    /// The shim has checked every string's bytes (`vorlage_json_read`), so they are copied
    /// without Swift checking them again: that check took 13 of the 199 million instructions of
    /// the peers' 200 documents (callgrind, docs/performance.md).
    private static func text(of event: vorlage_json_event) -> String {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(event.text)?.assumingMemoryBound(to: UInt8.self), count: Int(event.count))
        return unsafe String(copying: UTF8Span(unchecked: bytes.span))
    }
}
