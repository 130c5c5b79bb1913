public import Foundation

/// One document of a session packet with the documents filed under it, such as an agenda item's
/// paper and its annexes.
///
/// The part gets a bookmark, each child a bookmark below it; every document's pages get labels
/// of their own, counted from 1 after the document's label prefix.
public struct PacketPart: Sendable {
    /// The bookmark's text, such as "TOP 5: Haushaltssatzung 2014".
    public var title: String
    /// What the labels of the part's pages start with, such as "TOP 5: " (pages then read
    /// "TOP 5: 1", "TOP 5: 2"…); empty for plain numbers.
    public var labelPrefix: String
    /// The part's own PDF.
    public var data: Data
    /// The documents filed under the part, in order, after its own pages.
    public var children: [Child]

    /// A document filed under a part, such as an annex.
    public struct Child: Sendable {
        /// The bookmark's text, such as "Anlage 1: Stellungnahme".
        public var title: String
        /// What the labels of the child's pages start with, such as "TOP 5 Anlage 1: ".
        public var labelPrefix: String
        public var data: Data

        public init(title: String, labelPrefix: String, data: Data) {
            self.title = title
            self.labelPrefix = labelPrefix
            self.data = data
        }
    }

    public init(title: String, labelPrefix: String, data: Data, children: [Child] = []) {
        self.title = title
        self.labelPrefix = labelPrefix
        self.data = data
        self.children = children
    }
}
