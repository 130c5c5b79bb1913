import Foundation
public import Archive
public import Templating
public import Spool

/// One document of a meeting build as it stands after this run: written now, left unchanged, or
/// found on disk from an earlier run; with whether it may be published and its PDF/A copy.
public struct BuiltDocument: Sendable {
    public var record: BuildFolder.Record
    /// The title a reader sees: „Sitzungsvorlage 50/2403/XV/2013“, an annex's name.
    public var title: String
    public var mimeType: String
    /// The date of what it holds; also the date its PDF is stamped with.
    public var date: CivilDate
    /// Whether it may go into public packets: neither it, its paper, its agenda item nor the
    /// meeting is non-public.
    public var isPublic: Bool
    /// Its PDF/A copy, when one was made (`--pdf`) or is already there.
    public var pdf: BuildFolder.Record?
    /// For an annex, its number in the paper's Anlagen list.
    public var annexNumber: Int?

    public init(record: BuildFolder.Record, title: String, mimeType: String, date: CivilDate, isPublic: Bool, pdf: BuildFolder.Record? = nil,
                annexNumber: Int? = nil) {
        self.record = record
        self.title = title
        self.mimeType = mimeType
        self.date = date
        self.isPublic = isPublic
        self.pdf = pdf
        self.annexNumber = annexNumber
    }

    /// Whether it is an OpenDocument text that can be converted to PDF.
    public var isODF: Bool { mimeType == RenderedFile.odtMimeType }

    /// The manifest's File, with the PDF copy as its derivative.
    var manifestFile: Manifest.File {
        let derivative = pdf.map { Manifest.File(record: $0, name: title, mimeType: RenderedFile.pdfMimeType, date: date) }
        return Manifest.File(record: record, name: title, mimeType: mimeType, date: date, derivatives: derivative.map { [$0] } ?? [])
    }
}

extension BuiltDocument: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(record)
        writer.write(title)
        writer.write(mimeType)
        writer.write(date)
        writer.write(isPublic)
        writer.write(pdf)
        writer.write(annexNumber)
    }

    public init(from reader: inout SpoolReader) {
        self.init(record: reader.read(), title: reader.read(), mimeType: reader.read(), date: reader.read(), isPublic: reader.read(),
                  pdf: reader.read(), annexNumber: reader.read())
    }
}
