import Foundation
import JSONData
import Templating

/// Whether ``JSONReader`` and `JSONSerialization` read a document alike, as JSONReader promises.
enum JSONAgreement {
    /// Whether two values are equal, but for numbers, which JSONReader keeps exact and
    /// `JSONSerialization` gives through a `Double`: the second may be the first so converted.
    static func agree(_ exact: Value, _ foundation: Value) -> Bool {
        switch (exact, foundation) {
        case (.number(let left), .number(let right)):
            return left == right || NSNumber(value: NSDecimalNumber(decimal: left).doubleValue).decimalValue == right
        case (.list(let left), .list(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { agree($0, $1) }
        case (.map(let left), .map(let right)):
            return left.keys == right.keys && left.keys.allSatisfy { agree(left[$0]!, right[$0]!) }
        default:
            return exact == foundation
        }
    }
}
