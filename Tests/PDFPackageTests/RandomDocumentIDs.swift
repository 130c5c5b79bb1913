import Foundation
import Testing
@testable import PDFPackage

/// PDFs whose XMP has random `xmpMM:DocumentID` and `xmpMM:InstanceID`, as many PDF producers
/// write (LibreOffice 7.4 does not), made with the layer's own qpdf and XMP code.
enum RandomDocumentIDs {
    /// `pdf` with two fresh random ids in its XMP, and the ids.
    static func added(_ pdf: Data) throws -> (pdf: Data, ids: [String]) {
        let document = try QPDFDocument(reading: pdf, name: "ids.pdf")
        let stream = try #require(try document.value("/Metadata", in: try document.catalog()))
        var packet = try XMPPacket(try document.decodedData(of: stream), file: "ids.pdf")
        let ids = ["uuid:" + UUID().uuidString.lowercased(), "uuid:" + UUID().uuidString.lowercased()]
        packet.set(.documentID, to: ids[0])
        packet.set(.instanceID, to: ids[1])
        try document.replaceData(of: stream, with: packet.data)
        return (try document.write(), ids)
    }
}
