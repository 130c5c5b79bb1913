import Foundation

/// The lines a ``PDFConverter`` and its worker processes exchange: one JSON object per line.
///
/// The worker first says whether LibreOffice started (``Greeting``); then, for each ``Request`` it
/// reads on its standard input, it writes one ``Answer`` on its standard output. It stops at the
/// end of its input.
enum WorkerProtocol {
    /// The worker's first line.
    struct Greeting: Codable, Sendable {
        var ready: Bool
        var error: String?
        /// The time LibreOffice took to start.
        var milliseconds: Double
    }

    /// One document to convert.
    struct Request: Codable, Sendable {
        var id: Int
        var input: String
        var output: String
        var fault: ConversionRequest.Fault?
    }

    /// What became of one request.
    struct Answer: Codable, Sendable {
        var id: Int
        var ok: Bool
        /// The ``ConversionError/Code`` of a failure.
        var code: String?
        var error: String?
        /// The time the conversion took.
        var milliseconds: Double
    }

    /// `message` as one line of JSON.
    static func line(_ message: some Encodable) -> String {
        // Encoding these flat structs of strings and numbers cannot fail.
        let data = (try? JSONEncoder().encode(message)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The message in `line`, or nil when it is not one.
    static func decode<Message: Decodable>(_ type: Message.Type, from line: String) -> Message? {
        try? JSONDecoder().decode(type, from: Data(line.utf8))
    }
}
