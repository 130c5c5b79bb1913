/// The items of a list value: an array, or items made one at a time when a template reaches
/// them.
///
/// A made list lets data of any length be filled in without being held whole: the invitation
/// of an agenda of ten thousand items makes each item's map (its number, title and paper) as
/// the template's `{{#each}}` comes to it, and drops it after. A made list gives the same items
/// each time it is read, so it compares and hashes like the array it stands for.
public struct ValueList: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case array([Value])
        case made(Maker)
    }

    /// How the items of a made list are made; a class, so a list value stays one word.
    private final class Maker: Sendable {
        let count: Int
        let item: @Sendable (Int) -> Value
        init(count: Int, item: @escaping @Sendable (Int) -> Value) {
            self.count = count
            self.item = item
        }
    }

    private let storage: Storage

    public init(_ items: [Value]) {
        storage = .array(items)
    }

    public init(arrayLiteral items: Value...) {
        storage = .array(items)
    }

    /// A list of `count` items, the item at each position made by `item` when it is read.
    public init(count: Int, item: @escaping @Sendable (Int) -> Value) {
        storage = .made(Maker(count: count, item: item))
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .array(let items): items.count
        case .made(let maker): maker.count
        }
    }

    public subscript(position: Int) -> Value {
        switch storage {
        case .array(let items):
            return items[position]
        case .made(let maker):
            precondition((0..<maker.count).contains(position), "Index out of range")
            return maker.item(position)
        }
    }

    public static func == (lhs: ValueList, rhs: ValueList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for item in self { hasher.combine(item) }
    }
}
