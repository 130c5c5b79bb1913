import ArgumentParser
import Foundation

/// argument-parser's own words in German: the headings and fixed lines of the help, and its
/// messages for a wrong command line, so that a clerk reads one language.
///
/// The library writes these in English and offers no way to replace them, so its finished text
/// is rewritten here, line by line, by patterns that `ExitCodeTests` (help headings, usage errors)
/// pin down; text the patterns do not know passes unchanged.
enum ParserWording {
    /// One rewrite: a regular expression and its replacement (`$1` is the first group), and a
    /// piece of text every match contains, so that a line without it skips the expression.
    struct Rule {
        var needle: String
        var pattern: String
        var replacement: String
    }

    /// The rules, applied in order.
    static let rules: [Rule] = [
        Rule(needle: "OVERVIEW: ", pattern: #"^OVERVIEW: "#, replacement: "ÜBERSICHT: "),
        Rule(needle: "USAGE: ", pattern: #"^USAGE: "#, replacement: "AUFRUF: "),
        Rule(needle: "ARGUMENTS:", pattern: #"^ARGUMENTS:$"#, replacement: "ARGUMENTE:"),
        Rule(needle: "OPTIONS:", pattern: #"^OPTIONS:$"#, replacement: "OPTIONEN:"),
        Rule(needle: "SUBCOMMANDS:", pattern: #"^SUBCOMMANDS:$"#, replacement: "BEFEHLE:"),
        Rule(needle: "(default: ", pattern: #"\(default: "#, replacement: "(Standard: "),
        Rule(needle: "(default:", pattern: #"\(default:$"#, replacement: "(Standard:"),
        Rule(needle: "Show the version.", pattern: #"Show the version\."#, replacement: "Zeigt die Version."),
        Rule(needle: "Show help information.", pattern: #"Show help information\."#, replacement: "Zeigt diese Hilfe."),
        Rule(needle: " help <subcommand>' for detailed help.", pattern: #"^  See '([^']+) help <subcommand>' for detailed help\.$"#, replacement: "  Hilfe zu einem Befehl: $1 help <Befehl>"),
        Rule(needle: "' for more information.", pattern: #"^  See '([^']+)' for more information\.$"#, replacement: "  Mehr dazu: $1"),
        Rule(needle: "Usage: ", pattern: #"^Usage: "#, replacement: "Aufruf: "),
        Rule(needle: "Help: ", pattern: #"^Help: "#, replacement: "Hilfe: "),
        Rule(needle: "Error: Missing expected argument '", pattern: #"^Error: Missing expected argument '([^']+)'$"#, replacement: "Fehler [usage]: Das Argument $1 fehlt."),
        Rule(needle: "Error: Missing value for '", pattern: #"^Error: Missing value for '([^']+)'$"#, replacement: "Fehler [usage]: Bei $1 fehlt der Wert."),
        Rule(needle: "Error: The value '", pattern: #"^Error: The value '([^']*)' is invalid for '([^']+)'(.*)$"#, replacement: "Fehler [usage]: Der Wert „$1“ passt nicht zu $2.$3"),
        Rule(needle: "Error: Unexpected argument", pattern: #"^Error: Unexpected arguments? '([^']+)'$"#, replacement: "Fehler [usage]: Unerwartetes Argument „$1“."),
        Rule(needle: "Error: Unexpected argument", pattern: #"^Error: Unexpected arguments? (.*)$"#, replacement: "Fehler [usage]: Unerwartete Argumente $1."),
        Rule(needle: "Error: Unknown option", pattern: #"^Error: Unknown options? '([^']+)'\.?(.*)$"#, replacement: "Fehler [usage]: Unbekannte Option „$1“.$2"),
        Rule(needle: "Did you mean '", pattern: #"Did you mean '([^']+)'\?"#, replacement: "Meinten Sie „$1“?"),
        Rule(needle: "<subcommand>", pattern: #"<subcommand>"#, replacement: "<Befehl>"),
        Rule(needle: "Error: ", pattern: #"^Error: "#, replacement: "Fehler [usage]: "),
    ]

    /// The text with every line rewritten by the first rules that match it. A rule's expression
    /// is compiled only for a line that holds its needle: `vorlage --version` compiled all 22 for
    /// the version number, 40 % of that process (callgrind).
    static func german(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            var line = line
            for rule in rules where line.contains(rule.needle) {
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
