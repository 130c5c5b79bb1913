import ArgumentParser
import Conversion
import Foundation

/// `vorlage convert-worker`: a LibreOfficeKit worker process, started by the PDF converter itself.
///
/// Not for people: it speaks a line protocol on standard input and output (see ConversionWorker).
struct ConvertWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-worker",
        abstract: "Convert documents to PDF/A for a running vorlage (internal).",
        shouldDisplay: false
    )

    @Option(help: "The worker's own LibreOffice profile folder (created when missing).")
    var profile: String

    @Option(help: "LibreOffice's program folder.")
    var installPath: String = LibreOffice.defaultInstallPath

    @Option(help: "The process that started the worker; the worker stops when it is gone.")
    var parentPid: Int32?

    @Flag(help: "Accept requests that stage a failure (tests only).")
    var allowTestFaults = false

    func validate() throws {
        guard !profile.isEmpty else { throw ValidationError("--profile must name a folder.") }
    }

    func run() throws {
        let status = ConversionWorker.run(profile: URL(fileURLWithPath: profile), installPath: installPath,
                                          allowFaults: allowTestFaults, parentProcess: parentPid)
        if status != 0 { throw ExitCode(status) }
    }
}
