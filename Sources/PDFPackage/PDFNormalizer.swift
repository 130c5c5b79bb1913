public import Foundation

/// Makes a PDF reproducible: the same content and date give the same bytes, whenever it was made.
///
/// LibreOffice (7.4) stamps each export with the clock and with chance: `/CreationDate` in the
/// document information and `xmp:CreateDate` in the XMP metadata carry the time of the export, the
/// sRGB profile of the PDF/A OutputIntent (made by lcms on the fly) carries it again in its header,
/// and the trailer has a random `/ID` and LibreOffice's own `/DocChecksum`. Normalising sets every
/// date to the given one, derives the XMP's document ids (when there are any) from the content,
/// removes `/DocChecksum` and `/ID`, and lets qpdf write a deterministic `/ID`. Everything else
/// (PDF/A identification, OutputIntents, structure tree, `/Lang`, `/MarkInfo`, fonts, pages) is
/// written as it was read.
public enum PDFNormalizer {
    /// The version of qpdf that writes the bytes: the same input gives the same bytes with the
    /// same qpdf (and LibreOffice) versions, so a record of a run should name it. Throws when
    /// libqpdf cannot be loaded.
    public static var qpdfVersion: String {
        get throws(PDFError) { try QPDFDocument.libraryVersion }
    }

    /// Returns `data` with its dates set to `date`, its title (document information and XMP
    /// `dc:title`) set to `title` when one is given, and no random or clock-based bytes.
    ///
    /// `name` is the file that errors name.
    public static func normalize(_ data: Data, date: Date, title: String? = nil, name: String = "PDF") throws(PDFError) -> Data {
        let document = try QPDFDocument(reading: data, name: name)
        return try normalizedBytes(of: document, date: date, title: title)
    }

    /// Normalises an open document (see ``normalize(_:date:title:name:)``) and writes it.
    static func normalizedBytes(of document: QPDFDocument, date: Date, title: String?, minimumVersion: String? = nil) throws(PDFError) -> Data {
        let moment = PDFDate(date: date)
        try setInformation(of: document, date: moment, title: title)
        try setOutputProfileDates(of: document, date: moment)
        let trailer = try document.trailer()
        try document.remove("/DocChecksum", from: trailer)

        guard var metadata = try metadata(of: document) else {
            try document.remove("/ID", from: trailer)
            return try document.write(minimumVersion: minimumVersion)
        }
        metadata.packet.set(.createDate, to: moment.xmpString)
        metadata.packet.set(.modifyDate, to: moment.xmpString)
        metadata.packet.set(.metadataDate, to: moment.xmpString)
        if let title { metadata.packet.setAlternative(.title, to: title) }

        let identifiers: [XMPPacket.Property] = [.documentID, .instanceID, .originalDocumentID]
            .filter { metadata.packet.contains($0) }
        guard !identifiers.isEmpty else {
            try document.replaceData(of: metadata.stream, with: metadata.packet.data)
            try document.remove("/ID", from: trailer)
            return try document.write(minimumVersion: minimumVersion)
        }
        // The ids are random too. Write once with a fixed placeholder, take the deterministic /ID
        // qpdf computed from that content (an MD5 digest), and write again with ids made from it.
        for property in identifiers { metadata.packet.set(property, to: "uuid:00000000-0000-0000-0000-000000000000") }
        try document.replaceData(of: metadata.stream, with: metadata.packet.data)
        try document.remove("/ID", from: trailer)
        let draft = try document.write(minimumVersion: minimumVersion)
        let identifier = try contentIdentifier(of: draft, name: document.name)
        for property in identifiers { metadata.packet.set(property, to: identifier) }
        try document.replaceData(of: metadata.stream, with: metadata.packet.data)
        try document.remove("/ID", from: trailer)
        return try document.write(minimumVersion: minimumVersion)
    }

    /// Sets `/CreationDate`, `/ModDate` and (when given) `/Title` in the document information
    /// dictionary, creating the dictionary when there is none.
    private static func setInformation(of document: QPDFDocument, date: PDFDate, title: String?) throws(PDFError) {
        let trailer = try document.trailer()
        let information: ObjectHandle
        if let existing = try document.value("/Info", in: trailer), try document.isDictionary(existing) {
            information = existing
        } else {
            information = try document.makeIndirect(try document.newDictionary())
            try document.set("/Info", to: information, in: trailer)
        }
        try document.set("/CreationDate", to: try document.newText(date.pdfString), in: information)
        try document.set("/ModDate", to: try document.newText(date.pdfString), in: information)
        if let title {
            try document.set("/Title", to: try document.newText(title), in: information)
        }
    }

    /// Sets the creation date in the header of each OutputIntent's ICC profile.
    ///
    /// LibreOffice has lcms build its sRGB profile at export time, and lcms writes the clock into
    /// the header's `dateTimeNumber` (bytes 24–35). A profile with a Profile ID (an MD5 over the
    /// profile, bytes 84–99) is left alone: changing its date would break the ID, and such a
    /// profile was made once, not at export time.
    private static func setOutputProfileDates(of document: QPDFDocument, date: PDFDate) throws(PDFError) {
        guard let intents = try document.value("/OutputIntents", in: try document.catalog()) else { return }
        for intent in try document.items(of: intents) {
            guard let profile = try document.value("/DestOutputProfile", in: intent),
                  try document.isStream(profile) else { continue }
            var bytes = [UInt8](try document.decodedData(of: profile))
            guard bytes.count >= 128, bytes[36..<40].elementsEqual("acsp".utf8),
                  bytes[84..<100].allSatisfy({ $0 == 0 }) else { continue }
            // Replaced even when the date is already right: qpdf writes a replaced stream's
            // dictionary in another key order than a copied one, and normalising a normalised
            // file should change nothing.
            bytes.replaceSubrange(24..<36, with: date.iccDateTime)
            try document.replaceData(of: profile, with: Data(bytes))
        }
    }

    /// The catalog's XMP metadata stream and its packet, if the document has one.
    private static func metadata(of document: QPDFDocument) throws(PDFError) -> (stream: ObjectHandle, packet: XMPPacket)? {
        guard let stream = try document.value("/Metadata", in: try document.catalog()),
              try document.isStream(stream) else { return nil }
        let packet = try XMPPacket(try document.decodedData(of: stream), file: document.name)
        return (stream, packet)
    }

    /// A `uuid:` made from the deterministic `/ID` qpdf wrote into `pdf`: an MD5 digest of the
    /// content, marked as a name-based MD5 UUID (version 3).
    private static func contentIdentifier(of pdf: Data, name: String) throws(PDFError) -> String {
        let written = try QPDFDocument(reading: pdf, name: name)
        guard let identifiers = try written.value("/ID", in: try written.trailer()),
              let first = try written.items(of: identifiers).first,
              let digest = try written.bytes(ofString: first), digest.count >= 16 else {
            throw PDFError(.qpdf, file: name, "Die PDF-Datei wurde ohne /ID geschrieben.")
        }
        var bytes = [UInt8](digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x30
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return "uuid:" + uuid.uuidString.lowercased()
    }
}
