import ArgumentParser
import Foundation

/// argument-parser's own words in German: the headings and fixed lines of the help, and its
/// messages for a wrong command line, so that a clerk reads one language.
///
/// The library writes these in English and offers no way to replace them, so its finished text
/// is rewritten here, line by line, by patterns that `ExitCodeTests` and `ParserWordingTests`
/// pin down; text the patterns do not know passes unchanged.
enum ParserWording {
    /// Pattern and replacement, applied in order; `$1` is the first group.
    static let rules: [(pattern: String, replacement: String)] = [
        (#"^OVERVIEW: "#, "ÜBERSICHT: "),
        (#"^USAGE: "#, "AUFRUF: "),
        (#"^ARGUMENTS:$"#, "ARGUMENTE:"),
        (#"^OPTIONS:$"#, "OPTIONEN:"),
        (#"^SUBCOMMANDS:$"#, "BEFEHLE:"),
        (#"\(default: "#, "(Standard: "),
        (#"\(default:$"#, "(Standard:"),
        (#"Show the version\."#, "Zeigt die Version."),
        (#"Show help information\."#, "Zeigt diese Hilfe."),
        (#"^  See '([^']+) help <subcommand>' for detailed help\.$"#, "  Hilfe zu einem Befehl: $1 help <Befehl>"),
        (#"^  See '([^']+)' for more information\.$"#, "  Mehr dazu: $1"),
        (#"^Usage: "#, "Aufruf: "),
        (#"^Help: "#, "Hilfe: "),
        (#"^Error: Missing expected argument '([^']+)'$"#, "Fehler [usage]: Das Argument $1 fehlt."),
        (#"^Error: Missing value for '([^']+)'$"#, "Fehler [usage]: Bei $1 fehlt der Wert."),
        (#"^Error: The value '([^']*)' is invalid for '([^']+)'(.*)$"#, "Fehler [usage]: Der Wert „$1“ passt nicht zu $2.$3"),
        (#"^Error: Unexpected arguments? '([^']+)'$"#, "Fehler [usage]: Unerwartetes Argument „$1“."),
        (#"^Error: Unexpected arguments? (.*)$"#, "Fehler [usage]: Unerwartete Argumente $1."),
        (#"^Error: Unknown options? '([^']+)'\.?(.*)$"#, "Fehler [usage]: Unbekannte Option „$1“.$2"),
        (#"Did you mean '([^']+)'\?"#, "Meinten Sie „$1“?"),
        (#"<subcommand>"#, "<Befehl>"),
        (#"^Error: "#, "Fehler [usage]: "),
    ]

    /// The text with every line rewritten by the first rules that match it.
    static func german(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            var line = line
            for rule in rules {
                line = line.replacingOccurrences(of: rule.pattern, with: rule.replacement, options: .regularExpression)
            }
            return line
        }.joined(separator: "\n")
    }
}

extension Vorlage {
    /// Parses the command line and runs the command as `main()` does, with argument-parser's
    /// own text in German: help and version on standard output, problems on standard error.
    static func mainInGerman() -> Never {
        let code: ExitCode
        do {
            var command = try parseAsRoot()
            try command.run()
            code = .success
        } catch {
            code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let text = ParserWording.german(message) + "\n"
                if code == .success {
                    FileHandle.standardOutput.write(Data(text.utf8))
                } else {
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
        }
        Foundation.exit(code.rawValue)
    }
}
