import Foundation

/// Formats dates the German way from a pattern, in the Europe/Berlin time zone.
///
/// Patterns use the usual letters: `d` `dd` (day), `M` `MM` `MMM` `MMMM` (month: 3, 03, März,
/// März), `yy` `yyyy`, `EEE` `EEEE` (Mi., Mittwoch), `H` `HH` `mm` `ss`; text in single quotes
/// is copied (`'Uhr'`). Month and day names are German, so the machine's locale does not matter.
enum GermanDateFormat {
    static let months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
    static let shortMonths = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
    static let weekdays = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"]
    static let shortWeekdays = ["So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."]

    /// The time zone of German councils, named explicitly.
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// The letters a pattern may use; anything else alphabetic must be quoted.
    static let letters: Set<Character> = ["d", "M", "y", "E", "H", "m", "s"]

    struct Fields {
        var year, month, day, weekday: Int
        var hour = 0, minute = 0, second = 0
    }

    static func format(_ date: CivilDate, pattern: String) -> String {
        format(Fields(year: date.year, month: date.month, day: date.day, weekday: weekday(of: date)), pattern: pattern)
    }

    /// The Gregorian calendar in Berlin, made once rather than for every value formatted.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        return calendar
    }()

    static func format(_ instant: Date, pattern: String) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: instant)
        return format(Fields(year: parts.year!, month: parts.month!, day: parts.day!, weekday: parts.weekday! - 1,
                             hour: parts.hour!, minute: parts.minute!, second: parts.second!), pattern: pattern)
    }

    /// Checks a pattern before use, so a typo is found when the template is compiled.
    static func validate(_ pattern: String) throws(MarkerSyntaxError) {
        var quoted = false
        for character in pattern {
            if character == "'" { quoted.toggle(); continue }
            if !quoted, character.isLetter, !letters.contains(character) {
                throw MarkerSyntaxError("„\(character)“ ist kein Buchstabe eines Datumsformats.", hint: "Verwenden Sie d, M, y, E, H, m und s, und setzen Sie anderen Text in einfache Anführungszeichen ('Uhr').")
            }
        }
        if quoted { throw MarkerSyntaxError("Im Datumsformat „\(pattern)“ ist ein einfaches Anführungszeichen nicht geschlossen.", hint: "Schließen Sie es mit ' ab.") }
    }

    static func format(_ fields: Fields, pattern: String) -> String {
        var output = ""
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                var end = index + 1
                while end < characters.count, characters[end] != "'" { end += 1 }
                output += String(characters[(index + 1)..<min(end, characters.count)])
                index = end + 1
                continue
            }
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            index += run
            func padded(_ number: Int, _ width: Int) -> String {
                let text = String(number)
                return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
            }
            switch character {
            case "d": output += padded(fields.day, run)
            case "M" where run >= 4: output += months[fields.month - 1]
            case "M" where run == 3: output += shortMonths[fields.month - 1]
            case "M": output += padded(fields.month, run)
            case "y" where run == 2: output += padded(fields.year % 100, 2)
            case "y": output += padded(fields.year, run)
            case "E" where run >= 4: output += weekdays[fields.weekday]
            case "E": output += shortWeekdays[fields.weekday]
            case "H": output += padded(fields.hour, run)
            case "m": output += padded(fields.minute, run)
            case "s": output += padded(fields.second, run)
            default: output += String(repeating: String(character), count: run)
            }
        }
        return output
    }

    /// Day of the week, 0 = Sunday (Sakamoto's method, proleptic Gregorian calendar).
    static func weekday(of date: CivilDate) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let year = date.month < 3 ? date.year - 1 : date.year
        return (year + year / 4 - year / 100 + year / 400 + offsets[date.month - 1] + date.day) % 7
    }
}
