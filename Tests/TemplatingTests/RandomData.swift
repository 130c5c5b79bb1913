import Foundation
@testable import Templating
import TestSupport

/// Random data shaped by a template: every path its markers use gets a value of the kind its
/// filters expect, every repetition a list of zero to three items, every condition a mix of
/// true and false values.
struct RandomData {
    var generator: SplitMix64
    /// The plain texts of values that are surely shown (unfiltered, outside branches that may be
    /// hidden), to find again in the filled document.
    var shownTexts: [String] = []
    /// When true, every condition on plain paths is made to show its first branch.
    var showsAll = false
    /// False inside a branch that the data may hide.
    private var recording = true

    init(seed: UInt64, showsAll: Bool = false) {
        generator = SplitMix64(seed: seed)
        self.showsAll = showsAll
    }

    /// Texts that stress escaping and spacing: markup characters, runs of spaces, tabs, line
    /// breaks, umlauts, and the sentinel text of prepared templates.
    static let pieces = ["Kreistag", "Rhein-Kreis Neuss", "a & b", "<tag>", "\"quoted\"", "it's", "x  y", "drei   Leer",
                         " vorn", "hinten ", "Tab\there", "Zeile\nneu", "CR\r\nLF", "Größe ÄÖÜ ß", "€ 1.000", "@@vorlage:V0@@", "50/2403/XV/2013", ""]
    static let markdown = ["Ein Absatz.", "*betont* und **fett**", "- eins\n- zwei", "1. erstens\n2. zweitens", "# Titel\n\nText",
                           "> Zitat", "[Link](https://example.org \"Titel\")", "| a | b |\n|---|---|\n| 1 | 2 |", "Zeile  \nUmbruch", ""]

    mutating func text() -> String {
        let count = Int.random(in: 1 ... 3, using: &generator)
        return (0 ..< count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined(separator: " ")
    }

    mutating func value(for filters: [Marker.Filter]) -> Value {
        let names = filters.map(\.name)
        if names.contains("markdown") { return .string(Self.markdown.randomElement(using: &generator)!) }
        if names.contains("date") {
            let day = CivilDate(year: 2013, month: Int.random(in: 1 ... 12, using: &generator), day: Int.random(in: 1 ... 28, using: &generator))!
            return Bool.random(using: &generator) ? .date(day) : .dateTime(Date(timeIntervalSince1970: Double(Int.random(in: 1_300_000_000 ... 1_400_000_000, using: &generator))))
        }
        if names.contains("money") || names.contains("number") {
            return .number(Decimal(Int.random(in: -5000 ... 2_000_000, using: &generator)) / 100)
        }
        if names.contains("join") { return .list((0 ..< Int.random(in: 0 ... 3, using: &generator)).map { _ in .string(text()) }) }
        if names.contains("default"), Bool.random(using: &generator) { return .null }
        return .string(text())
    }

    /// Data for the operations of a prepared part, merged into `data`.
    mutating func fill(_ ops: [FillProgram.Op], template: Template, into data: inout Value) {
        for op in ops {
            switch op {
            case .value(let marker), .markdown(let marker, _), .document(let marker):
                guard case .value(let path, let filters) = template.markers[marker].marker.kind else { continue }
                let made = value(for: filters)
                if set(made, at: path.segments, in: &data), recording, filters.isEmpty, case .string(let text) = made { shownTexts.append(text) }
            case .block(let marker, let first, let second):
                switch template.markers[marker].marker.kind {
                case .each(let path):
                    // A list two repetitions share gets items that satisfy both bodies.
                    let existing: [Value]? = if case .list(let list)? = data.value(at: path.segments) { Array(list) } else { nil }
                    var items = existing ?? (0 ..< Int.random(in: 0 ... 3, using: &generator)).map { _ in Value.map(.init()) }
                    for index in items.indices {
                        if Self.usesThis(first, template: template) {
                            if case .map = items[index] {
                                let made = text()
                                items[index] = .string(made)
                                if recording { shownTexts.append(made) }
                            }
                        } else {
                            fill(first, template: template, into: &items[index])
                        }
                    }
                    _ = set(.list(items), at: path.segments, in: &data, replacing: true)
                case .condition(let condition, let negated):
                    // Branches first: a path a branch shows or repeats keeps that shape.
                    let wasRecording = recording
                    let forced = showsAll && !negated && condition.paths.count == 1 && condition.description == condition.paths[0].description
                    recording = wasRecording && forced
                    let recordedBefore = shownTexts.count
                    fill(first, template: template, into: &data)
                    recording = false
                    fill(second, template: template, into: &data)
                    recording = wasRecording
                    for path in condition.paths {
                        let choice: Value = forced ? .bool(true)
                            : [.bool(true), .bool(false), .string("Tischvorlage"), .string(""), .number(3), .null].randomElement(using: &generator)!
                        _ = set(choice, at: path.segments, in: &data)
                    }
                    // A path the branch itself filled decides; texts of a hidden branch are not shown.
                    if forced, data.value(at: condition.paths[0].segments)?.isTruthy != true {
                        shownTexts.removeSubrange(recordedBefore...)
                    }
                default:
                    continue
                }
            default:
                continue
            }
        }
    }

    private static func usesThis(_ ops: [FillProgram.Op], template: Template) -> Bool {
        ops.contains { op in
            if case .value(let marker) = op, case .value(let path, _) = template.markers[marker].marker.kind { return path.segments.first == "this" }
            return false
        }
    }

    /// Sets `value` at `segments` below `data`, making maps on the way; `this` and `@…` are left
    /// alone. Returns whether the value was set.
    private func set(_ value: Value, at segments: [String], in data: inout Value, replacing: Bool = false) -> Bool {
        guard let first = segments.first, first != "this", !first.hasPrefix("@") else { return false }
        guard case .map(var map) = data else { return false }
        var didSet = false
        if segments.count == 1 {
            if map[first] == nil || replacing {
                map[first] = value
                didSet = true
            }
        } else {
            var inner = map[first] ?? .map(.init())
            if case .map = inner {} else { inner = .map(.init()) }
            didSet = set(value, at: Array(segments.dropFirst()), in: &inner, replacing: replacing)
            map[first] = inner
        }
        data = .map(map)
        return didSet
    }
}
