import Foundation
@testable import PDFPackage
import Testing

/// The XMP editor changes the properties it is asked to and leaves every other byte alone.
@Suite struct XMPPacketTests {
    /// LibreOffice 7.4's packet for a tagged PDF/A-2b, padding shortened.
    static let libreOffice = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
           <pdfaid:part>2</pdfaid:part>
           <pdfaid:conformance>B</pdfaid:conformance>
          </rdf:Description>
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
           <dc:title>
            <rdf:Alt>
             <rdf:li xml:lang="x-default">Sitzungsvorlage</rdf:li>
            </rdf:Alt>
           </dc:title>
          </rdf:Description>
          <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
           <pdf:Producer>LibreOffice 7.4</pdf:Producer>
          </rdf:Description>
          <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
           <xmp:CreatorTool>Writer</xmp:CreatorTool>
           <xmp:CreateDate>2026-11-30T08:33:41Z</xmp:CreateDate>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
                                                                  \

        <?xpacket end="w"?>
        """

    static func packet(_ text: String) throws -> XMPPacket { try XMPPacket(Data(text.utf8), file: "test.pdf") }

    @Test func anExistingElementChangesAndNothingElse() throws {
        var packet = try Self.packet(Self.libreOffice)
        packet.set(.createDate, to: "2013-02-15T10:30:00+01:00")
        #expect(packet.text == Self.libreOffice.replacingOccurrences(of: "2026-11-30T08:33:41Z", with: "2013-02-15T10:30:00+01:00"))
        #expect(packet.value(of: .createDate) == "2013-02-15T10:30:00+01:00")
        #expect(packet.value(of: .pdfaPart) == "2")
        #expect(packet.value(of: .pdfaConformance) == "B")
    }

    @Test func aMissingPropertyJoinsTheDescriptionOfItsNamespace() throws {
        var packet = try Self.packet(Self.libreOffice)
        packet.set(.modifyDate, to: "2013-02-15T10:30:00+01:00")
        #expect(packet.text.contains("""
            <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
               <xmp:ModifyDate>2013-02-15T10:30:00+01:00</xmp:ModifyDate>
               <xmp:CreatorTool>Writer</xmp:CreatorTool>
            """))
        #expect(packet.text.components(separatedBy: "<rdf:Description").count == 5, "no new description")
    }

    @Test func aPropertyOfAnUndeclaredNamespaceGetsANewDescriptionWithTheSameAbout() throws {
        var packet = try Self.packet(Self.libreOffice.replacingOccurrences(of: "rdf:about=\"\"", with: "rdf:about=\"uuid:1\""))
        packet.set(.documentID, to: "uuid:2")
        #expect(packet.text.contains("""
              <rdf:Description rdf:about="uuid:1" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
               <xmpMM:DocumentID>uuid:2</xmpMM:DocumentID>
              </rdf:Description>
             </rdf:RDF>
            """))
        #expect(packet.value(of: .documentID) == "uuid:2")
    }

    @Test func thePacketsOwnPrefixAndTheAttributeFormAreUsed() throws {
        let text = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
            <r:Description r:about="" xmlns:xap="http://ns.adobe.com/xap/1.0/" xap:CreateDate="2020-01-01T00:00:00Z" \
            xmlns:xapMM="http://ns.adobe.com/xap/1.0/mm/" xapMM:InstanceID='uuid:random'/>\
            </r:RDF></x:xmpmeta>
            """
        var packet = try Self.packet(text)
        packet.set(.createDate, to: "2013-02-15T10:30:00+01:00")
        packet.set(.instanceID, to: "uuid:derived")
        packet.set(.modifyDate, to: "2013-02-15T10:30:00+01:00")
        #expect(packet.text.contains(#"xap:CreateDate="2013-02-15T10:30:00+01:00""#))
        #expect(packet.text.contains(#"xapMM:InstanceID="uuid:derived""#))
        #expect(packet.text.contains("<xap:ModifyDate>2013-02-15T10:30:00+01:00</xap:ModifyDate>\n  </r:Description>"),
                "the self-closing description is opened for the new element: \(packet.text)")
        #expect(!packet.text.contains("xmlns:xmp="))
    }

    @Test func theTitleBecomesOneDefaultLanguageValueEscaped() throws {
        var packet = try Self.packet(Self.libreOffice.replacingOccurrences(
            of: "<rdf:li xml:lang=\"x-default\">Sitzungsvorlage</rdf:li>",
            with: "<rdf:li xml:lang=\"x-default\">Sitzungsvorlage</rdf:li><rdf:li xml:lang=\"en\">Submission</rdf:li>"))
        packet.setAlternative(.title, to: "A & B <C> \"D\"\u{1}\u{B}")
        #expect(packet.text.contains("""
            <dc:title>
                <rdf:Alt>
                 <rdf:li xml:lang="x-default">A &amp; B &lt;C&gt; &quot;D&quot;</rdf:li>
                </rdf:Alt>
               </dc:title>
            """))
        #expect(!packet.text.contains("Submission"))
    }

    @Test func aTitleIsAddedWhereThereIsNoneAndChangedUnderAnyPrefix() throws {
        let start = try #require(Self.libreOffice.range(of: "  <rdf:Description rdf:about=\"\" xmlns:dc="))
        let end = try #require(Self.libreOffice.range(of: "</rdf:Description>\n", range: start.upperBound..<Self.libreOffice.endIndex))
        var untitled = Self.libreOffice
        untitled.removeSubrange(start.lowerBound..<end.upperBound)
        var packet = try Self.packet(untitled)
        packet.setAlternative(.title, to: "Neu")
        #expect(packet.text.contains("""
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
               <dc:title>
                <rdf:Alt>
                 <rdf:li xml:lang="x-default">Neu</rdf:li>
                </rdf:Alt>
               </dc:title>
              </rdf:Description>
             </rdf:RDF>
            """))

        var prefixed = try Self.packet(Self.libreOffice.replacingOccurrences(of: "dc:", with: "dcx:")
            .replacingOccurrences(of: "xmlns:dc=", with: "xmlns:dcx="))
        prefixed.setAlternative(.title, to: "Neu")
        #expect(prefixed.text.contains("<dcx:title>\n    <rdf:Alt>\n     <rdf:li xml:lang=\"x-default\">Neu</rdf:li>"))
        #expect(!prefixed.text.contains("<dc:title>"))
    }

    @Test func aPacketWithoutRDFIsRefused() throws {
        let error = try #require(throws: PDFError.self) { try Self.packet("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>") }
        #expect(error.code == .metadata)
        #expect(error.file == "test.pdf")
        // "Büro" in Latin-1.
        let latin1 = Data("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">B".utf8) + [0xFC] + Data("ro</rdf:RDF>".utf8)
        let notUTF8 = try #require(throws: PDFError.self) { try XMPPacket(latin1, file: "test.pdf") }
        #expect(notUTF8.code == .metadata)
    }
}

/// Dates as a PDF writes them: Berlin time with its offset, whole seconds; ICC headers in UTC.
@Suite struct PDFDateTests {
    @Test func winterAndSummerTimeHaveTheirOffsets() {
        let winter = PDFDate(date: Date(timeIntervalSince1970: 1_360_920_600.75))
        #expect(winter.pdfString == "D:20130215103000+01'00'")
        #expect(winter.xmpString == "2013-02-15T10:30:00+01:00")
        let summer = PDFDate(date: Date(timeIntervalSince1970: 1_372_665_600))
        #expect(summer.pdfString == "D:20130701100000+02'00'")
        #expect(summer.xmpString == "2013-07-01T10:00:00+02:00")
    }

    @Test func theICCDateIsUTC() {
        let date = PDFDate(date: Date(timeIntervalSince1970: 1_388_534_399))  // 2013-12-31 23:59:59 UTC
        #expect(date.iccDateTime == [0x07, 0xDD, 0, 12, 0, 31, 0, 23, 0, 59, 0, 59])
        #expect(date.pdfString == "D:20140101005959+01'00'")
    }
}
