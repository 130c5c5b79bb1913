/// Bounds on what a package may contain, so that a hostile or broken file cannot exhaust memory.
///
/// The defaults allow every real council document seen so far (the largest corpus file unpacks to
/// a few MiB) with a wide margin.
public struct ODFLimits: Sendable, Hashable {
    /// How many entries a zip may hold.
    public var maxEntries: Int
    /// The largest uncompressed size of one entry, in bytes.
    public var maxEntrySize: Int
    /// The largest uncompressed size of all entries together, in bytes.
    public var maxTotalSize: Int

    public init(maxEntries: Int = 10_000, maxEntrySize: Int = 256 << 20, maxTotalSize: Int = 1 << 30) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
    }

    public static let `default` = ODFLimits()
}
