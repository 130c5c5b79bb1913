#if canImport(Glibc)
import Glibc
#endif

/// A worker's end of the protocol: request lines in, answer lines out, on descriptors of its own.
///
/// LibreOffice and the libraries it loads print to standard output and error whenever they like.
/// ``takeStandardStreams()`` moves the protocol to private, close-on-exec copies of descriptors 0
/// and 1, then points descriptor 1 at standard error and descriptor 0 at /dev/null, so nothing
/// LibreOffice writes or reads can reach the protocol. The descriptors are closed in `deinit`.
final class WorkerChannel {
    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    private init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    deinit {
        close(input)
        close(output)
    }

    /// Takes standard input and output for the protocol; call it before LibreOffice starts.
    static func takeStandardStreams() throws(ConversionError) -> WorkerChannel {
        let input = try POSIXCall.check(fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3), while: "Kopieren der Standardeingabe")
        let output: Int32
        do {
            output = try POSIXCall.check(fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3), while: "Kopieren der Standardausgabe")
        } catch {
            close(input)
            throw error
        }
        let channel = WorkerChannel(input: input, output: output)
        fflush(nil)
        try POSIXCall.check(dup2(STDERR_FILENO, STDOUT_FILENO), while: "Umlenken der Standardausgabe auf die Fehlerausgabe")
        let null = try POSIXCall.check(open("/dev/null", O_RDONLY | O_CLOEXEC), while: "Öffnen von /dev/null")
        defer { close(null) }
        try POSIXCall.check(dup2(null, STDIN_FILENO), while: "Umlenken der Standardeingabe auf /dev/null")
        return channel
    }

    /// The next line without its newline, or nil at the end of the input.
    func readLine() throws(ConversionError) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == -1 && errno == EINTR { continue }
            try POSIXCall.check(count, while: "Lesen eines Auftrags", code: .protocolViolation)
            if count == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[..<count]) }
        }
    }

    /// Writes `line` and a newline in full.
    func write(line: String) throws(ConversionError) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + written, $0.count - written) }
            if count == -1 && errno == EINTR { continue }
            written += try POSIXCall.check(count, while: "Schreiben einer Antwort", code: .protocolViolation)
        }
    }
}

@available(*, unavailable, message: "a channel belongs to the worker's one loop")
extension WorkerChannel: Sendable {}
