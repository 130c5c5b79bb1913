import Foundation
import JSONData
import Templating
import Testing
import TestSupport
@testable import vorlage_fuzz

/// JSONReader reads what `JSONSerialization` reads, as the same values, and names the place of
/// what neither can read.
@Suite struct JSONReaderTests {
    /// Both readers on `text`: JSONReader's value, and JSONSerialization's mapped as the bench did.
    static func bothReaders(_ text: String, reader: JSONReader? = nil) throws -> (Value, Value) {
        let bytes = Data(text.utf8)
        let value = try (reader ?? JSONReader()).value(of: bytes, source: "data.json")
        let object = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        return (value, Value(jsonObject: object))
    }

    @Test("a peers' document: strings with escapes and German text, lists, a nested map")
    func readsASubmission() throws {
        let text = #"""
        {
         "titel": "Kommunales Integrationszentrum/ Integrationskonzept",
         "nummer": "50\/2403\/XV\/2013",
         "beratung": [{"gremium": "Kreistag", "termin": "06.03.2013", "behandlung": "öffentlich"}],
         "sachverhalt": ["„Gesetz zur Förderung“ § 7 & <Abs. 2>", "Zeile\neins\tund \"zwei\" \\ \u00e4 \ud83d\ude00"],
         "anlagen": []
        }
        """#
        let (value, expected) = try Self.bothReaders(text)
        #expect(value == expected)
        guard case .map(let map) = value else { Issue.record("not a map: \(value)"); return }
        #expect(map.keys == ["anlagen", "beratung", "nachverhalt", "nummer", "sachverhalt", "titel"].filter { $0 != "nachverhalt" })
        #expect(map["nummer"] == .string("50/2403/XV/2013"))
        #expect(map["sachverhalt"] == .list([.string("„Gesetz zur Förderung“ § 7 & <Abs. 2>"), .string("Zeile\neins\tund \"zwei\" \\ ä 😀")]))
        #expect(map["anlagen"] == .list([]))
    }

    @Test("numbers as they are written: integers, fractions, exponents")
    func readsNumbers() throws {
        let text = "[0, -0, 7, -12, 9007199254740992, -9223372036854775808, 1.5, 0.1, -2.25e-3, 1E3, 1e22]"
        let (value, expected) = try Self.bothReaders(text)
        #expect(value == expected)
        #expect(value == .list([0, 0, 7, -12, .number(Decimal(1 << 53)), .number(Decimal(Int64.min)), .number(Decimal(string: "1.5")!),
                                .number(Decimal(string: "0.1")!), .number(Decimal(string: "-0.00225")!), 1000, .number(Decimal(string: "1e22")!)]))
    }

    @Test("a number JSONSerialization rounds through a Double stays as written", arguments: [
        ("9223372036854775807", Decimal(Int64.max)), ("18446744073709551615", Decimal(UInt64.max)),
        ("-9007199254740993", -Decimal(9007199254740993)), ("12345678.875", Decimal(string: "12345678.875")!),
    ])
    func keepsNumbersExact(_ text: String, _ exact: Decimal) throws {
        let (value, foundation) = try Self.bothReaders(text)
        #expect(value == .number(exact))
        #expect(value != foundation)
        #expect(JSONAgreement.agree(value, foundation))
        #expect(!JSONAgreement.agree(.number(exact / 2), foundation))
    }

    @Test("what simdjson refuses but JSONSerialization accepts is still read: a trailing comma, an integer beyond 64 bits")
    func acceptsWhatFoundationAccepts() throws {
        for text in ["[1, 2, ]", "{\"a\": [true, false, null],}", "123456789012345678901234567890"] {
            let (value, expected) = try Self.bothReaders(text)
            #expect(value == expected, "\(text)")
        }
        let (big, _) = try Self.bothReaders("123456789012345678901234567890")
        #expect(big == .number(Decimal(string: "123456789012345678901234567890")!))
    }

    @Test("a key given twice keeps its last value, keys come sorted, true and false are booleans")
    func duplicateKeysAndBooleans() throws {
        let (value, expected) = try Self.bothReaders(#"{"b": 1, "a": true, "b": "zwei", "c": false, "d": null}"#)
        #expect(value == expected)
        #expect(value == .map(Value.OrderedMap([("a", .bool(true)), ("b", .string("zwei")), ("c", .bool(false)), ("d", .null)])))
    }

    @Test("broken JSON: the error names the file, line and column, and what to check", arguments: [
        ("{\n  \"titel\": \"a\",\n  \"amt\": x\n}", 3, 10),
        ("[1,\n  2,\n  ?]", 3, 3),
    ])
    func namesThePlace(_ text: String, _ line: Int, _ column: Int) throws {
        let error = #expect(throws: JSONDataError.self) { try JSONReader().value(of: Data(text.utf8), source: "vorlage_00007.json") }
        #expect(error?.code == .invalidJSON)
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.description.hasPrefix("vorlage_00007.json:\(line):\(column): Fehler [invalid-json]: Die Daten sind kein gültiges JSON") == true)
        #expect(error?.hint?.contains("Kommas") == true)
    }

    @Test("refused by both: an unfinished document, bytes that are not UTF-8, a number beyond Double")
    func refusesWhatNeitherReads() throws {
        for bytes in [Data("{\"a\": ".utf8), Data([0x22, 0x61, 0xFF, 0x22]), Data("1e400".utf8), Data()] {
            #expect(throws: JSONDataError.self) { try JSONReader().value(of: bytes, source: "x.json") }
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) }
        }
    }

    @Test("an escaped lone surrogate is read as JSONSerialization reads it, never as bytes that are not UTF-8", arguments: [
        #"["\udc00"]"#, #"{"a": "x\ud800"}"#, #"{"\ud800\u0041": 1}"#, #"["\ud800\ud800"]"#,
    ])
    func loneSurrogates(_ text: String) throws {
        let bytes = Data(text.utf8)
        let value = try? JSONReader().value(of: bytes, source: "x.json")
        let expected = (try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])).map(Value.init(jsonObject:))
        #expect(value == expected)
    }

    @Test("strings made from the checked bytes behave as any other: a pair of escapes, composed and decomposed é, empty")
    func checkedStringsAreOrdinaryStrings() throws {
        let (value, expected) = try Self.bothReaders(#"["\ud83d\ude00", "e\u0301", "é", "", "Straße"]"#)
        #expect(value == expected)
        guard case .list(let items) = value else {
            Issue.record("not a list: \(value)")
            return
        }
        #expect(items == [.string("😀"), .string("é"), .string("é"), .string(""), .string("Straße")])
        #expect(items[1] == items[2], "a decomposed é equals the composed one")
        if case .string(let text) = items[4] {
            #expect(text.count == 6)
            #expect(text.uppercased() == "STRASSE")
        }
    }

    @Test("one reader, many documents: each value is its own, not its parser's buffer")
    func readerIsReused() throws {
        let reader = try JSONReader()
        let first = try reader.value(of: Data(#"{"name": "erste Vorlage", "list": ["a", "b"]}"#.utf8), source: "1.json")
        let second = try reader.value(of: Data(#"{"name": "zweite", "list": ["c"]}"#.utf8), source: "2.json")
        _ = try? reader.value(of: Data("[".utf8), source: "3.json")
        #expect(first == .map(Value.OrderedMap([("list", .list(["a", "b"])), ("name", "erste Vorlage")])))
        #expect(second == .map(Value.OrderedMap([("list", .list(["c"])), ("name", "zweite")])))
    }

    @Test("random documents: JSONReader and JSONSerialization agree on every one", arguments: 0..<8)
    func agreesOnRandomDocuments(_ seed: UInt64) throws {
        var random = SplitMix64(seed: 0x4A53_4F4E + seed)
        let reader = try JSONReader()
        for _ in 0..<50 {
            let text = RandomJSON.document(using: &random)
            let (value, expected) = try Self.bothReaders(text, reader: reader)
            #expect(JSONAgreement.agree(value, expected), "\(text)")
        }
    }
}
