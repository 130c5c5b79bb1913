import Foundation
import TestSupport
import Testing

/// What the built `vorlage` loads when it starts: libqpdf only when a PDF is opened.
@Suite struct ProcessStartTests {
    /// The libraries the dynamic loader reported loading (`LD_DEBUG=libs`) for a run of `vorlage`.
    func loadedLibraries(_ arguments: [String]) throws -> String {
        let outcome = try ExternalTools.run("/usr/bin/env", ["LD_DEBUG=libs", CommandLineTests.executable.path] + arguments)
        #expect(outcome.status == 0, "\(outcome.error.suffix(2000))")
        return outcome.error
    }

    @Test("a command that makes no PDF starts without libqpdf and the libraries it brings")
    func noQPDFWithoutPDF() throws {
        let loaded = try loadedLibraries(["schema", "paper"])
        // The loader's report is there: libxml2, which every command needs, is in it.
        #expect(loaded.contains("libxml2.so"), "\(loaded.prefix(2000))")
        #expect(!loaded.contains("libqpdf"), "\(loaded.prefix(4000))")
        #expect(!loaded.contains("libgnutls"))
    }
}
