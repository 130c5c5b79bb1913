public import Foundation
public import Templating

/// A file rendered in memory and not yet written: its name in the output folder, its bytes and
/// what the manifest says of it. Rendering produces these; writing is a stage of its own.
public struct RenderedFile: Sendable {
    /// The file name in the output folder, such as `integrationszentrum.odt`.
    public var name: String
    public var bytes: Data
    /// The title a reader sees: „Sitzungsvorlage 50/2403/XV/2013“, an annex's name.
    public var title: String
    public var mimeType: String
    /// The date of what it holds.
    public var date: CivilDate

    public init(name: String, bytes: Data, title: String, mimeType: String, date: CivilDate) {
        self.name = name
        self.bytes = bytes
        self.title = title
        self.mimeType = mimeType
        self.date = date
    }

    public static let odtMimeType = "application/vnd.oasis.opendocument.text"
    public static let pdfMimeType = "application/pdf"
}
