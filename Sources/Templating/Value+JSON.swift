import Foundation

extension Value {
    /// A value from what `JSONSerialization` returns; map keys sorted, so output never depends
    /// on dictionary order. JSON's `null` and anything unknown become ``Value/null``.
    public init(jsonObject json: Any) {
        switch json {
        case let text as String:
            self = .string(text)
        case let items as [Any]:
            self = .list(items.map(Value.init(jsonObject:)))
        case let map as [String: Any]:
            self = .map(OrderedMap(map.keys.sorted().map { ($0, Value(jsonObject: map[$0]!)) }))
        case let number as NSNumber:
            // JSONSerialization gives true and false as NSNumbers of the C type `char` / `BOOL`.
            let type = String(cString: number.objCType)
            self = type == "c" || type == "B" ? .bool(number.boolValue) : .number(number.decimalValue)
        default:
            self = .null
        }
    }
}
