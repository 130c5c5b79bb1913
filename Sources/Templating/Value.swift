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
    case list([Value])
    case map(OrderedMap)

    /// String keys and values in insertion order.
    public struct OrderedMap: Sendable, Hashable {
        public private(set) var keys: [String] = []
        private var storage: [String: Value] = [:]

        public init() {}

        public init(_ pairs: [(String, Value)]) {
            for (key, value) in pairs { self[key] = value }
        }

        public subscript(key: String) -> Value? {
            get { storage[key] }
            set {
                if storage[key] == nil, newValue != nil { keys.append(key) }
                if newValue == nil { keys.removeAll { $0 == key } }
                storage[key] = newValue
            }
        }

        public var pairs: [(String, Value)] { keys.map { ($0, storage[$0]!) } }
    }

    /// The value at a dotted path below this one (`body.name`), or nil when any step is missing.
    public func value(at path: [String]) -> Value? {
        var current = self
        for step in path {
            switch current {
            case .map(let map):
                guard let next = map[step] else { return nil }
                current = next
            case .list(let items):
                guard let index = Int(step), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
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
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .map(OrderedMap(elements)) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
}
