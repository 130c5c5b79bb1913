import Yams

/// One node of a YAML document as ``YAMLReader`` composes it: a scalar, a list or a mapping, with
/// the line and column where it starts.
///
/// It holds what the readers of council data look at and no more: the text, whether a scalar was
/// written plainly, its tag and its place. Keys are compared as Yams compares them (same text and
/// same resolved tag), so lookups and the duplicate-key check give what they gave when the files
/// were composed by Yams.
enum YAMLNode {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    /// Where a node starts in its file, counted from 1 as editors count.
    struct Mark {
        var line: Int
        var column: Int
    }

    /// A text value.
    struct Scalar {
        var string: String
        /// The explicit tag (`!!str`, or the tag libyaml gives a quoted scalar); nil when implicit.
        var tag: String?
        /// libyaml's scalar style: plain, quoted, literal (`|`) or folded (`>`).
        var style: Node.Scalar.Style
        var mark: Mark

        /// Whether the scalar was written without quotes and not as a block.
        var isPlain: Bool { style == .plain }
    }

    /// A list of nodes.
    struct Sequence {
        var nodes: [YAMLNode]
        var tag: String?
        var mark: Mark
    }

    /// A mapping of keys to values, in the order written.
    struct Mapping {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var tag: String?
        var mark: Mark

        /// The value of the last key that ``matches(_:key:)`` `key`, as Yams' `mapping[key]` finds it.
        subscript(key: String) -> YAMLNode? {
            pairs.last { Self.matches($0.key, key: key) }?.value
        }

        /// Whether a key node is the key `key` to a lookup: a scalar with this text whose tag
        /// resolves as an untagged plain `key` would.
        static func matches(_ node: YAMLNode, key: String) -> Bool {
            guard case .scalar(let scalar) = node, scalar.string == key else { return false }
            // Yams resolves an implicit tag from the text alone, so an untagged key with the same
            // text resolves the same. Only a tagged key needs Yams' comparison, whose resolution
            // runs a regular expression per rule: done for every key it took a fifth of a build.
            guard scalar.tag != nil else { return true }
            return node.yams == Node(key, Tag(.implicit))
        }

        /// The first key that repeats an earlier one by Yams' rules (which made Yams refuse the
        /// document), with the earlier one; nil when every key is distinct.
        var duplicateKey: (first: YAMLNode, second: YAMLNode)? {
            // Scalars are only equal with equal texts; the Yams comparison is needed only then.
            var texts = Set<String>()
            let plainlyDistinct = pairs.allSatisfy { pair in
                guard case .scalar(let scalar) = pair.key else { return false }
                return texts.insert(scalar.string).inserted
            }
            if plainlyDistinct { return nil }
            var seen: [Node: Int] = [:]
            for (position, pair) in pairs.enumerated() {
                if let earlier = seen[pair.key.yams] { return (pairs[earlier].key, pair.key) }
                seen[pair.key.yams] = position
            }
            return nil
        }
    }

    /// Where the node starts.
    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    /// The text of a scalar; nil for a list or a mapping.
    var string: String? {
        guard case .scalar(let scalar) = self else { return nil }
        return scalar.string
    }

    /// The node as Yams would have composed it, without its marks: only for comparing keys.
    var yams: Node {
        switch self {
        case .scalar(let scalar):
            .scalar(Node.Scalar(scalar.string, Self.tag(scalar.tag), scalar.style))
        case .sequence(let sequence):
            .sequence(Node.Sequence(sequence.nodes.map(\.yams), Self.tag(sequence.tag)))
        case .mapping(let mapping):
            .mapping(Node.Mapping(mapping.pairs.map { ($0.key.yams, $0.value.yams) }, Self.tag(mapping.tag)))
        }
    }

    private static func tag(_ name: String?) -> Tag {
        Tag(name.map(Tag.Name.init(rawValue:)) ?? .implicit)
    }
}
