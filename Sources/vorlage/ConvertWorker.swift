import ArgumentParser
import Conversion
import Foundation

/// `vorlage convert-worker`: a LibreOfficeKit worker process, started by the PDF converter itself.
///
/// Not for people: it speaks a line protocol on standard input and output (see ConversionWorker).
struct ConvertWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-worker",
        abstract: "Wandelt Dokumente für einen laufenden vorlage-Prozess in PDF/A um (intern).",
        shouldDisplay: false
    )

    @Option(help: "Der eigene LibreOffice-Profilordner des Arbeitsprozesses (wird angelegt, wenn er fehlt).")
    var profile: String

    @Option(help: "Der Programmordner von LibreOffice.")
    var installPath: String = LibreOffice.defaultInstallPath

    @Option(help: "Der Prozess, der den Arbeitsprozess gestartet hat; endet er, endet auch der Arbeitsprozess.")
    var parentPid: Int32?

    @Flag(help: "Aufträge annehmen, die einen Fehler herbeiführen (nur für Tests).")
    var allowTestFaults = false

    func validate() throws {
        guard !profile.isEmpty else { throw ValidationError("--profile muss einen Ordner nennen.") }
    }

    func run() throws {
        let status = ConversionWorker.run(profile: URL(fileURLWithPath: profile), installPath: installPath,
                                          allowFaults: allowTestFaults, parentProcess: parentPid)
        if status != 0 { throw ExitCode(status) }
    }
}
