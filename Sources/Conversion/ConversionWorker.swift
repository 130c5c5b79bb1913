public import Foundation
internal import CLibreOfficeKit
#if canImport(Glibc)
import Glibc
#endif

/// The loop of a conversion worker process: LibreOffice started once, then one document per request.
///
/// ``PDFConverter`` starts workers as `vorlage convert-worker`, which calls ``run(profile:installPath:allowFaults:parentProcess:)``.
/// The worker speaks the line protocol of `WorkerProtocol` on its standard input and output; what
/// LibreOffice prints goes to standard error. It ends at the end of its input, and the kernel kills
/// it when its parent dies.
public enum ConversionWorker {
    /// Serves conversion requests until standard input ends; returns the process's exit status.
    ///
    /// The status is 0 at the end of the input, 69 when LibreOffice cannot start (the greeting says
    /// why), 70 when the worker cannot set itself up or its parent is already gone, and 74 when the
    /// protocol's input or output fails.
    ///
    /// - Parameters:
    ///   - profile: The worker's own LibreOffice profile folder (created when missing).
    ///   - installPath: LibreOffice's program folder.
    ///   - allowFaults: Whether requests may stage a ``ConversionRequest/Fault`` (tests only).
    ///   - parentProcess: The process that started the worker; when it is already gone, the worker
    ///     stops at once instead of serving nobody.
    public static func run(profile: URL, installPath: String = LibreOffice.defaultInstallPath, allowFaults: Bool = false, parentProcess: Int32? = nil) -> Int32 {
        #if os(Linux)
        // The kernel kills the worker when the thread that started it ends (the parent, or it crashed).
        guard (try? POSIXCall.check(vorlage_set_parent_death_signal(SIGKILL), while: "Anfordern des Signals beim Ende des Elternprozesses")) != nil else { return 70 }
        #endif
        // The parent may have died before the request above: then the worker has been adopted.
        if let parentProcess, getppid() != parentProcess { return 70 }

        let channel: WorkerChannel
        do {
            channel = try WorkerChannel.takeStandardStreams()
        } catch {
            FileHandle.standardError.write(Data("vorlage convert-worker: \(error)\n".utf8))
            return 70
        }
        // The parent takes the end of the worker's output for its end and may kill it then, so the
        // output stays open until LibreOffice has ended (and saved its profile for the next worker).
        return withExtendedLifetime(channel) {
            serve(channel, profile: profile, installPath: installPath, allowFaults: allowFaults)
        }
    }

    /// Starts LibreOffice, greets, and answers requests until the input ends; LibreOffice has
    /// ended when it returns.
    private static func serve(_ channel: WorkerChannel, profile: URL, installPath: String, allowFaults: Bool) -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        let office: LibreOffice
        do {
            office = try LibreOffice(profile: profile, installPath: installPath)
        } catch {
            try? channel.write(line: WorkerProtocol.line(WorkerProtocol.Greeting(ready: false, error: error.message, milliseconds: (clock.now - start).milliseconds)))
            return 69
        }
        do {
            try channel.write(line: WorkerProtocol.line(WorkerProtocol.Greeting(ready: true, milliseconds: (clock.now - start).milliseconds)))
            while let line = try channel.readLine() {
                guard !line.isEmpty else { continue }
                let answer = convert(line, office: office, allowFaults: allowFaults, clock: clock)
                try channel.write(line: WorkerProtocol.line(answer))
            }
        } catch {
            FileHandle.standardError.write(Data("vorlage convert-worker: \(error)\n".utf8))
            return 74
        }
        return 0
    }

    /// Converts the document one request line asks for and says how it went.
    private static func convert(_ line: String, office: LibreOffice, allowFaults: Bool, clock: ContinuousClock) -> WorkerProtocol.Answer {
        let start = clock.now
        guard let request = WorkerProtocol.decode(WorkerProtocol.Request.self, from: line) else {
            return WorkerProtocol.Answer(id: -1, ok: false, code: ConversionError.Code.protocolViolation.rawValue,
                                         error: "Der Arbeitsprozess kann den Auftrag \(line.prefix(200)) nicht lesen.", milliseconds: 0)
        }
        let input = URL(fileURLWithPath: request.input)
        var output = URL(fileURLWithPath: request.output)
        do throws(ConversionError) {
            if let fault = request.fault {
                guard allowFaults else {
                    throw ConversionError(.testFaultsDisabled, file: request.input, "Der Arbeitsprozess wurde nicht für Testfehler gestartet.")
                }
                switch fault {
                case .hang:
                    while true { sleep(3600) }
                case .crash:
                    raise(SIGSEGV)
                case .fail:
                    // Below the input file, a folder that cannot be made: LibreOffice's own error.
                    output = input.appendingPathComponent("fault.pdf")
                case .noise:
                    print("noise on standard output from the worker (buffered)")
                    fflush(nil)
                    _ = write(STDOUT_FILENO, "noise on standard output from the worker (raw)\n", 47)
                    FileHandle.standardError.write(Data("noise on standard error from the worker\n".utf8))
                }
            }
            try office.convertToPDF(input: input, output: output)
            return WorkerProtocol.Answer(id: request.id, ok: true, milliseconds: (clock.now - start).milliseconds)
        } catch {
            return WorkerProtocol.Answer(id: request.id, ok: false, code: error.code.rawValue, error: error.message, milliseconds: (clock.now - start).milliseconds)
        }
    }
}
