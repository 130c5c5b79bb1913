import Synchronization
import Templating
import Testing

/// A list value made item by item is the list of its items: same count, items, equality and
/// hash as the array, and each item is made only when it is read.
@Suite struct ValueListTests {
    private static let items: [Value] = ["eins", 2, ["name": "drei"], [], .null]

    @Test func aMadeListEqualsTheArrayItStandsFor() {
        let made = ValueList(count: Self.items.count) { Self.items[$0] }
        let array = ValueList(Self.items)
        #expect(made == array)
        #expect(Array(made) == Self.items)
        #expect(made.hashValue == array.hashValue)
        #expect(Value.list(made) == .list(Self.items))
        #expect(ValueList(count: 2) { _ in "x" } != ValueList(["x"]), "a different count is a different list")
        #expect(ValueList(count: 0) { _ in .null }.isEmpty && !Value.list(ValueList(count: 0) { _ in .null }).isTruthy)
    }

    @Test func itemsAreMadeWhenTheyAreRead() {
        let made = Atomic<Int>(0)
        let list = ValueList(count: 10_000) { index in
            made.add(1, ordering: .relaxed)
            return .number(.init(index))
        }
        #expect(made.load(ordering: .relaxed) == 0, "nothing is made before it is read")
        #expect(list.count == 10_000)
        #expect(list[4_711] == 4_711)
        #expect(made.load(ordering: .relaxed) == 1)
        #expect(Value.list(list).value(at: ["9999"]) == 9_999)
    }
}
