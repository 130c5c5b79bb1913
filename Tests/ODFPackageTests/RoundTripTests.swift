import Foundation
import ODFPackage
import TestSupport
import Testing

/// Opening and saving a package without filling it keeps every XML part equivalent and every
/// other entry byte-identical.
@Suite struct RoundTripTests {
    @Test("corpus documents that pass odfcheck survive a round trip",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/corpus, absent here; CI always has it"),
          arguments: Corpus.passingDocuments)
    func corpusRoundTrip(_ document: Corpus.Result) throws {
        try assertRoundTrip(document.url)
    }

    @Test("the corpus has the documents the round trip needs",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/corpus, absent here; CI always has it"))
    func corpusIsThere() {
        #expect(Corpus.passingDocuments.count >= 100)
    }

    @Test("the project's own fixtures survive a round trip",
          arguments: ["libreoffice-letter.odt", "libreoffice-letter.ott"])
    func fixtureRoundTrip(_ name: String) throws {
        try assertRoundTrip(Paths.fixture(name))
    }

    /// Opens `url`, forces every XML part through libxml2, writes, reopens and compares.
    private func assertRoundTrip(_ url: URL) throws {
        let original = try ODFDocument(contentsOf: url)
        let parts = original.xmlPartNames
        for part in parts { _ = try original.xml(part) }
        let written = try original.packageData()
        let reopened = try ODFDocument(bytes: written, source: "round trip of \(url.lastPathComponent)")
        let pristine = try ODFDocument(contentsOf: url)

        #expect(Set(reopened.entryNames) == Set(pristine.entryNames.filter { $0 != "mimetype" }).union(["mimetype", "META-INF/manifest.xml"]))
        for name in pristine.entryNames where !name.hasSuffix("/") {
            if parts.contains(name) {
                let before = try pristine.xml(name).canonicalized()
                let after = try reopened.xml(name).canonicalized()
                #expect(before == after, "\(name) of \(url.lastPathComponent) changed in the round trip")
            } else {
                #expect(try reopened.data(name) == pristine.data(name), "\(name) of \(url.lastPathComponent) changed bytes")
            }
        }
    }
}
