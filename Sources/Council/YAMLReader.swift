import Foundation
// libyaml, as Yams bundles it. Yams does not offer it as a product, so SwiftPM cannot name it as a
// dependency of this target; it is in the build graph through the Yams product this target
// depends on (see Package.swift). Yams' own `compose` gives only a whole document at once, which
// for a long agenda held every item's tree at the same time; reading libyaml's events directly lets
// one list of the document be handed on entry by entry.
internal import CYaml
import Yams

/// Composes one YAML (or JSON) file from libyaml's events into ``YAMLNode`` trees, handing the
/// entries of one top-level list to the caller one at a time if asked.
///
/// Nodes come out as Yams' composer made them: the same texts, styles and tags, marks counted
/// from 1, an alias standing for its anchored node, and the same failures: an undefined alias, a
/// duplicate key (by Yams' comparison), a second document, libyaml's scanner and parser errors
/// with their place. The file is read in chunks, so reading it holds neither its whole text nor,
/// for the streamed list, more than one entry's tree.
final class YAMLReader {
    /// Why a file could not be composed.
    enum Failure: Error {
        /// The file cannot be opened or read, or is not UTF-8 text.
        case unreadable
        /// libyaml (or the composer) found a problem at a place: its English words and the place.
        case syntax(problem: String, mark: YAMLNode.Mark)
        /// A mapping names a key twice (by Yams' comparison): the key as written, where it
        /// stands the second time and where the first.
        case duplicateKey(name: String, mark: YAMLNode.Mark, first: YAMLNode.Mark)
        /// The file is not valid YAML for a reason without a place.
        case invalid
    }

    private var parser = yaml_parser_t()
    private let descriptor: Int32
    /// Whether reading the file failed while libyaml was reading it.
    private var inputFailed = false
    /// Every anchored node so far, by its anchor; a later anchor of the same name replaces it.
    private var anchors: [String: YAMLNode] = [:]

    /// Opens a file. That it is UTF-8 text, as reading it into a `String` required, libyaml
    /// checks as it reads (``Failure/unreadable``).
    init(_ url: URL) throws(Failure) {
        // Checked before the reader is complete, so that a failure closes the file here and
        // `deinit` (which would close it again) does not run.
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable }
        guard Self.skipByteOrderMark(descriptor) else {
            close(descriptor)
            throw .unreadable
        }
        self.descriptor = descriptor
        // It fails only when memory runs out; `deinit` then closes the file, and deleting a parser
        // whose initialisation failed frees nothing.
        guard yaml_parser_initialize(&parser) == 1 else { throw .unreadable }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input(&parser, { data, buffer, size, sizeRead in
            let reader = Unmanaged<YAMLReader>.fromOpaque(data!).takeUnretainedValue()
            var count: Int
            repeat { count = read(reader.descriptor, buffer, size) } while count < 0 && errno == EINTR
            guard count >= 0 else {
                reader.inputFailed = true
                return 0
            }
            sizeRead!.pointee = count
            return 1
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        yaml_parser_delete(&parser)
        close(descriptor)
    }

    /// Composes the file's single document; nil when the file holds none.
    ///
    /// When the document is a mapping whose `key` (as ``YAMLNode/Mapping/subscript(_:)`` finds
    /// it) holds a list without an anchor, each entry of that list goes to `entry` with its index
    /// as soon as it is composed, and the mapping keeps an empty list with the list's tag and place
    /// in its stead. Entries may still use anchors from anywhere before them.
    func document(streaming key: String? = nil, entry: (YAMLNode, Int) -> Void = { _, _ in }) throws(Failure) -> YAMLNode? {
        _ = try next()  // The start of the stream.
        guard try next().type != YAML_STREAM_END_EVENT else { return nil }
        let first = try next()
        let root = if let key, first.type == YAML_MAPPING_START_EVENT {
            try mapping(from: first, streaming: key, entry: entry)
        } else {
            try compose(first)
        }
        _ = try next()  // The end of the document.
        let after = try next()
        guard after.type == YAML_STREAM_END_EVENT else { throw .syntax(problem: "but found another document", mark: after.mark) }
        return root
    }

    // MARK: - Composing

    private func compose(_ event: Event) throws(Failure) -> YAMLNode {
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let anchor = event.anchor, let node = anchors[anchor] else { throw .syntax(problem: "found undefined alias", mark: event.mark) }
            return node
        case YAML_SCALAR_EVENT:
            let node = YAMLNode.scalar(.init(string: event.value, tag: event.tag, style: Node.Scalar.Style(rawValue: event.style) ?? .any, mark: event.mark))
            return register(node, as: event.anchor)
        case YAML_SEQUENCE_START_EVENT:
            var nodes: [YAMLNode] = []
            var item = try next()
            while item.type != YAML_SEQUENCE_END_EVENT {
                nodes.append(try compose(item))
                item = try next()
            }
            return register(.sequence(.init(nodes: nodes, tag: event.tag, mark: event.mark)), as: event.anchor)
        case YAML_MAPPING_START_EVENT:
            return try mapping(from: event, streaming: nil) { _, _ in }
        default:
            throw .invalid
        }
    }

    private func mapping(from start: Event, streaming key: String?, entry: (YAMLNode, Int) -> Void) throws(Failure) -> YAMLNode {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var event = try next()
        while event.type != YAML_MAPPING_END_EVENT {
            let name = try compose(event)
            let valueEvent = try next()
            let value: YAMLNode
            if let key, YAMLNode.Mapping.matches(name, key: key), valueEvent.type == YAML_SEQUENCE_START_EVENT, valueEvent.anchor == nil {
                var index = 0
                var item = try next()
                while item.type != YAML_SEQUENCE_END_EVENT {
                    entry(try compose(item), index)
                    index += 1
                    item = try next()
                }
                value = .sequence(.init(nodes: [], tag: valueEvent.tag, mark: valueEvent.mark))
            } else {
                value = try compose(valueEvent)
            }
            pairs.append((name, value))
            event = try next()
        }
        let mapping = YAMLNode.Mapping(pairs: pairs, tag: start.tag, mark: start.mark)
        // Yams checks a mapping's keys when it is complete, before it reads on.
        if let (first, second) = mapping.duplicateKey {
            throw .duplicateKey(name: second.string ?? "(ein zusammengesetzter Schlüssel)", mark: second.mark, first: first.mark)
        }
        return register(.mapping(mapping), as: start.anchor)
    }

    private func register(_ node: YAMLNode, as anchor: String?) -> YAMLNode {
        if let anchor { anchors[anchor] = node }
        return node
    }

    // MARK: - Events

    /// What the composer needs of one libyaml event, copied out so the event can be freed at once.
    private struct Event {
        var type: yaml_event_type_t
        var mark: YAMLNode.Mark
        /// The anchor a node defines, or the one an alias names.
        var anchor: String? = nil
        var tag: String? = nil
        var value = ""
        var style: UInt32 = 0
    }

    private func next() throws(Failure) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw failure() }
        defer { yaml_event_delete(&event) }
        var copy = Event(type: event.type, mark: YAMLNode.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1))
        switch event.type {
        case YAML_ALIAS_EVENT:
            copy.anchor = Self.string(event.data.alias.anchor)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            copy.anchor = Self.string(scalar.anchor)
            // A quoted scalar without a tag is text, as Yams tags it.
            copy.tag = scalar.quoted_implicit == 1 ? Tag.Name.str.rawValue : Self.string(scalar.tag)
            copy.value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            copy.style = scalar.style.rawValue
        case YAML_SEQUENCE_START_EVENT:
            let sequence = event.data.sequence_start
            copy.anchor = Self.string(sequence.anchor)
            copy.tag = sequence.implicit != 0 ? nil : Self.string(sequence.tag)
        case YAML_MAPPING_START_EVENT:
            let mapping = event.data.mapping_start
            copy.anchor = Self.string(mapping.anchor)
            copy.tag = mapping.implicit != 0 ? nil : Self.string(mapping.tag)
        default:
            break
        }
        return copy
    }

    private func failure() -> Failure {
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let mark = YAMLNode.Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            return .syntax(problem: parser.problem.map { String(cString: $0) } ?? "", mark: mark)
        case YAML_READER_ERROR where inputFailed:
            return .unreadable
        case YAML_READER_ERROR where parser.problem.map({ String(cString: $0) }).map({ $0.hasPrefix("invalid") || $0.hasPrefix("incomplete") }) ?? false:
            // libyaml's reader checks the UTF-8 as it reads ("invalid leading UTF-8 octet",
            // "incomplete UTF-8 octet sequence", "invalid Unicode character"…): not UTF-8 text.
            return .unreadable
        default:
            // libyaml's reader refuses control characters, which a `String` holds; Yams reported
            // them without a place.
            return .invalid
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Moves to the start of the text: after a UTF-8 byte order mark, which reading the file into a
    /// `String` dropped (libyaml would count it as a column).
    private static func skipByteOrderMark(_ descriptor: Int32) -> Bool {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { return false }
        var head: [UInt8] = [0, 0, 0]
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 3) }
        return lseek(descriptor, count == 3 && head == [0xEF, 0xBB, 0xBF] ? 3 : 0, SEEK_SET) >= 0
    }
}
