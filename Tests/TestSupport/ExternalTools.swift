public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real programs the tests check against: LibreOffice, pdftotext, odfcheck, vorlage.
public enum ExternalTools {
    /// What a finished program left behind.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// Runs `executable` (a path, or a name looked up on PATH) and waits for it; `environment`
    /// adds to or replaces variables of this process's environment.
    public static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the program runs, so a chatty program cannot block on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let reader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Outcome(status: process.terminationStatus,
                       output: String(decoding: outputData, as: UTF8.self),
                       error: String(decoding: errorData, as: UTF8.self))
    }

    /// True when `name` is on PATH.
    public static func isInstalled(_ name: String) -> Bool {
        (try? run("which", [name]).status) == 0
    }

    private static let libreOfficeLock = NSLock()
    private static let profile = FileManager.default.temporaryDirectory.appendingPathComponent("vorlage-tests-lo-profile")

    /// The `--convert-to` argument for tagged PDF/A-2b, the way the tool converts (LibreOffice 7.4).
    public static let taggedPDFA2 = #"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}"#

    /// Converts a document to PDF with LibreOffice headless and returns the PDF's URL.
    ///
    /// One conversion at a time, with a profile of the tests' own, so a user's running LibreOffice
    /// is never involved; one at a time across processes too (a lock file beside the profile),
    /// as LibreOffice refuses a profile another process is using. LibreOffice exits 0 even when it cannot load a file, so the PDF's
    /// existence is the test. `format` is the `--convert-to` argument, such as ``taggedPDFA2``.
    public static func convertToPDF(_ document: URL, into folder: URL, format: String = "pdf") throws -> URL {
        guard isInstalled("soffice") else {
            throw ToolError("LibreOffice (soffice) is not installed; the README's test command installs libreoffice-writer-nogui.")
        }
        libreOfficeLock.lock()
        defer { libreOfficeLock.unlock() }
        let lockFile = open(profile.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if lockFile >= 0 { _ = flock(lockFile, LOCK_EX) }
        defer { if lockFile >= 0 { close(lockFile) } }
        let arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", format, "--outdir", folder.path, document.path]
        var outcome = try run("soffice", arguments)
        let pdf = folder.appendingPathComponent(document.deletingPathExtension().lastPathComponent + ".pdf")
        if outcome.status != 0, !FileManager.default.fileExists(atPath: pdf.path) {
            // A profile left broken by a killed run makes soffice exit 1 without a word: once
            // more with a new one.
            try? FileManager.default.removeItem(at: profile)
            outcome = try run("soffice", arguments)
        }
        guard FileManager.default.fileExists(atPath: pdf.path), !outcome.output.contains("Error:") else {
            throw ToolError("LibreOffice did not convert \(document.path): \(outcome.output) \(outcome.error)")
        }
        return pdf
    }

    /// The text of a PDF as pdftotext lays it out (rows of a table stay on one line).
    public static func pdfText(_ pdf: URL) throws -> String {
        guard isInstalled("pdftotext") else { throw ToolError("pdftotext is not installed; the README's test command installs poppler-utils.") }
        let outcome = try run("pdftotext", ["-layout", pdf.path, "-"])
        guard outcome.status == 0 else { throw ToolError("pdftotext failed on \(pdf.path): \(outcome.error)") }
        return outcome.output
    }

    /// Runs ../shared/odfcheck/odfcheck.sh on a document; its outcome (status 0 means no failure).
    ///
    /// Without an `--out` among `extra`, what odfcheck keeps (PDF, text, filtered XML) goes to a
    /// temporary folder removed afterwards; odfcheck's own default is a new /tmp folder each time.
    public static func odfcheck(_ document: URL, _ extra: [String] = []) throws -> Outcome {
        let kept = extra.contains("--out") ? nil : TemporaryFolder("odfcheck")
        let out = kept.map { ["--out", $0.url.path] } ?? []
        return try withExtendedLifetime(kept) {
            try run("bash", [Paths.shared.appendingPathComponent("odfcheck/odfcheck.sh").path, document.path, "--text-lines", "0"] + out + extra)
        }
    }

    public struct ToolError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}

/// Text compared the way a reader compares it: words in order, white space ignored.
public enum ReadingOrder {
    /// The text's words, with all white space folded.
    public static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }

    /// The lines of `expected` (blank ones skipped) that cannot be found in `actual` after the
    /// previous one: empty when every line appears, in order.
    public static func missingLines(_ expected: String, in actual: String) -> [String] {
        let haystack = words(actual)
        var position = 0
        var missing: [String] = []
        for line in expected.split(separator: "\n") {
            let needle = words(String(line))
            guard !needle.isEmpty else { continue }
            var found: Int?
            var start = position
            while start + needle.count <= haystack.count {
                if haystack[start..<(start + needle.count)].elementsEqual(needle) { found = start; break }
                start += 1
            }
            if let found { position = found + needle.count } else { missing.append(String(line)) }
        }
        return missing
    }
}
