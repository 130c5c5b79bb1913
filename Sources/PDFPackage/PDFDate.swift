import Foundation

/// One moment written the three ways a PDF carries dates: document information, XMP, ICC profile.
///
/// Document information and XMP show the local time of Europe/Berlin with its offset (+01:00 in
/// winter, +02:00 in summer); an ICC profile's header has no time zone and gets UTC. Seconds are
/// whole: a fraction of a second is dropped.
struct PDFDate {
    let date: Date

    /// The time zone of the dates written into documents.
    static let timeZone: TimeZone = {
        guard let zone = TimeZone(identifier: "Europe/Berlin") else {
            preconditionFailure("Foundation has no time zone data for Europe/Berlin (install tzdata)")
        }
        return zone
    }()

    /// The date as a PDF date string, such as `D:20130215103000+01'00'` (PDF 1.7, 7.9.4).
    var pdfString: String {
        let (parts, offset) = local
        let sign = offset < 0 ? "-" : "+"
        return "D:" + digits(parts.year, 4) + digits(parts.month, 2) + digits(parts.day, 2)
            + digits(parts.hour, 2) + digits(parts.minute, 2) + digits(parts.second, 2)
            + sign + digits(abs(offset) / 3600, 2) + "'" + digits(abs(offset) % 3600 / 60, 2) + "'"
    }

    /// The date as XMP writes it (ISO 8601 with offset), such as `2013-02-15T10:30:00+01:00`.
    var xmpString: String {
        let (parts, offset) = local
        let sign = offset < 0 ? "-" : "+"
        return digits(parts.year, 4) + "-" + digits(parts.month, 2) + "-" + digits(parts.day, 2)
            + "T" + digits(parts.hour, 2) + ":" + digits(parts.minute, 2) + ":" + digits(parts.second, 2)
            + sign + digits(abs(offset) / 3600, 2) + ":" + digits(abs(offset) % 3600 / 60, 2)
    }

    /// The 12 bytes of an ICC profile header's `dateTimeNumber` (year, month, day, hours, minutes,
    /// seconds as big-endian 16-bit numbers) in UTC.
    var iccDateTime: [UInt8] {
        let parts = components(in: TimeZone(identifier: "UTC")!)
        return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].flatMap {
            [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)]
        }
    }

    private struct Parts { var year, month, day, hour, minute, second: Int }

    /// The wall-clock parts in Europe/Berlin and that zone's offset from UTC in seconds.
    private var local: (Parts, Int) {
        (components(in: Self.timeZone), Self.timeZone.secondsFromGMT(for: wholeSeconds))
    }

    private var wholeSeconds: Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private func components(in zone: TimeZone) -> Parts {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: wholeSeconds)
        return Parts(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0,
                     hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
    }

    private func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
