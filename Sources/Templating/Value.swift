public import Foundation

/// A value a template can show: the data a document is filled with.
///
/// Maps keep their keys in the order the data gave them, so output and error messages follow
/// the input. Dates are calendar dates without a time zone (a council date is a day, not an
/// instant).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case string(String)
    case number(Decimal)
    case date(CivilDate)
    /// An instant, such as a meeting's start; shown in Europe/Berlin time, whatever the machine's zone.
    case dateTime(Date)
    case list(ValueList)
    case map(OrderedMap)

    /// A list value of the items of an array.
    public static func list(_ items: [Value]) -> Value {
        .list(ValueList(items))
    }

    /// String keys and values in insertion order.
    ///
    /// The values stand in an array beside the keys, and a small map finds a key by looking
    /// through them: a hash table per map cost about 450 bytes, which the invitation of a long
    /// agenda paid twice per item (the item and its paper). Maps copied from one blank map share
    /// its array of keys. A map of many keys (data read from JSON) also keeps an index.
    public struct OrderedMap: Sendable, Hashable {
        public private(set) var keys: [String] = []
        /// The values, in the order of `keys`.
        private var values: [Value] = []
        /// The position of each key, once the map has more than ``indexThreshold`` keys.
        private var index: [String: Int]?

        /// How many keys a map looks through before it keeps an index.
        private static let indexThreshold = 16

        public init() {}

        public init(_ pairs: [(String, Value)]) {
            for (key, value) in pairs { self[key] = value }
        }

        private func position(of key: String) -> Int? {
            if let index { return index[key] }
            return keys.firstIndex(of: key)
        }

        public subscript(key: String) -> Value? {
            get { position(of: key).map { values[$0] } }
            set {
                switch (position(of: key), newValue) {
                case (let position?, let value?):
                    values[position] = value
                case (let position?, nil):
                    keys.remove(at: position)
                    values.remove(at: position)
                    if index != nil { reindex() }
                case (nil, let value?):
                    keys.append(key)
                    values.append(value)
                    if index != nil {
                        index![key] = keys.count - 1
                    } else if keys.count > Self.indexThreshold {
                        reindex()
                    }
                case (nil, nil):
                    break
                }
            }
        }

        private mutating func reindex() {
            index = keys.count > Self.indexThreshold ? Dictionary(uniqueKeysWithValues: zip(keys, keys.indices)) : nil
        }

        public var pairs: [(String, Value)] { Array(zip(keys, values)) }

        // The index follows from the keys; equal maps have equal keys and values.
        public static func == (lhs: OrderedMap, rhs: OrderedMap) -> Bool {
            lhs.keys == rhs.keys && lhs.values == rhs.values
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(keys)
            hasher.combine(values)
        }
    }

    /// The value at a dotted path below this one (`body.name`), or nil when any step is missing.
    public func value(at path: [String]) -> Value? {
        var current = self
        for step in path {
            guard let next = current.value(at: step) else { return nil }
            current = next
        }
        return current
    }

    /// The value one step further: a map's value for a key, a list's item at an index.
    public func value(at step: String) -> Value? {
        switch self {
        case .map(let map):
            return map[step]
        case .list(let items):
            guard let index = Int(step), items.indices.contains(index) else { return nil }
            return items[index]
        default:
            return nil
        }
    }

    /// Whether the value counts as true in a condition: not null, false, empty or zero.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .string(let text): !text.isEmpty
        case .number(let number): number != 0
        case .date, .dateTime: true
        case .list(let items): !items.isEmpty
        case .map(let map): !map.keys.isEmpty
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .list(ValueList(elements)) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .map(OrderedMap(elements)) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
}
