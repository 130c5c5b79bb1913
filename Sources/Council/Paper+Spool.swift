import Foundation
public import Spool
public import Templating

// A date of the template language, written as year, month and day. Written through the writer and
// the reader, not as a conforming record: both types belong to other modules.
extension SpoolWriter {
    public mutating func write(_ value: CivilDate) {
        write(value.year)
        write(value.month)
        write(value.day)
    }

    public mutating func write(_ value: CivilDate?) {
        write(value != nil)
        if let value { write(value) }
    }
}

extension SpoolReader {
    public mutating func read(_: CivilDate.Type = CivilDate.self) -> CivilDate {
        let (year, month, day) = (read(Int.self), read(Int.self), read(Int.self))
        guard let date = CivilDate(year: year, month: month, day: day) else { preconditionFailure("Zwischendaten sind beschädigt.") }
        return date
    }

    public mutating func read(_: CivilDate?.Type = CivilDate?.self) -> CivilDate? {
        read(Bool.self) ? read(CivilDate.self) : nil
    }
}

extension Paper.Organization: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(name)
        writer.write(shortName)
    }

    public init(from reader: inout SpoolReader) {
        self.init(name: reader.read(), shortName: reader.read())
    }
}

extension Paper.Consultation: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(organization)
        writer.write(meetingDate)
        writer.write(isPublic)
        writer.write(role)
        writer.write(authoritative)
    }

    public init(from reader: inout SpoolReader) {
        self.init(organization: reader.read(), meetingDate: reader.read(), isPublic: reader.read(), role: reader.read(), authoritative: reader.read())
    }
}

extension Paper.AnnexFile: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(name)
        writer.write(fileURL.path)
        writer.write(date)
        writer.write(mode.rawValue)
        writer.write(keepsOwnPageLayout)
        writer.write(isPublic)
    }

    public init(from reader: inout SpoolReader) {
        let name: String = reader.read()
        let path: String = reader.read()
        let date: CivilDate? = reader.read()
        guard let mode = Paper.AnnexMode(rawValue: reader.read()) else { preconditionFailure("Zwischendaten sind beschädigt.") }
        self.init(name: name, fileURL: URL(fileURLWithPath: path), date: date, mode: mode, keepsOwnPageLayout: reader.read(), isPublic: reader.read())
    }
}

extension Paper.AgendaItem: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(name)
        writer.write(number)
    }

    public init(from reader: inout SpoolReader) {
        self.init(name: reader.read(), number: reader.read())
    }
}

extension Paper: SpoolRecord {
    /// Writes a paper as a large build keeps it while the meeting is read: without extra fields
    /// and places of keys (``MeetingFolder/keepsText``), which it reads again when it needs them.
    public func write(to writer: inout SpoolWriter) {
        precondition(extraFields.keys.isEmpty && locations.isEmpty && source == nil, "Only a paper without its extra fields and places goes into a spool.")
        writer.write(body)
        writer.write(place)
        writer.write(date)
        writer.write(underDirectionOf)
        writer.write(paperType)
        writer.write(reference)
        writer.write(agendaItem)
        writer.write(consultations)
        writer.write(sachverhalt)
        writer.write(beschlussempfehlung)
        writer.write(auxiliaryFiles)
        writer.write(name)
        writer.write(superordinatedPaper)
        writer.write(originatorOrganization)
        writer.write(hasOwnAgendaItem)
    }

    public init(from reader: inout SpoolReader) {
        self.init(body: reader.read(), place: reader.read(), date: reader.read(), underDirectionOf: reader.read(), paperType: reader.read(),
                  reference: reader.read(), agendaItem: reader.read(), consultations: reader.read(), sachverhalt: reader.read(),
                  beschlussempfehlung: reader.read(), auxiliaryFiles: reader.read(), name: reader.read(String.self),
                  superordinatedPaper: reader.read(), originatorOrganization: reader.read(), hasOwnAgendaItem: reader.read())
    }
}

extension SourceLocation: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(file)
        writer.write(line)
        writer.write(column)
    }

    public init(from reader: inout SpoolReader) {
        self.init(file: reader.read(), line: reader.read(), column: reader.read())
    }
}

extension InputError: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(code.rawValue)
        writer.write(SourceLocation(file: file, line: line, column: column))
        writer.write(key)
        writer.write(message)
        writer.write(hint)
        writer.write(severity == .warning)
    }

    public init(from reader: inout SpoolReader) {
        let code = Code(reader.read(String.self))
        let location: SourceLocation = reader.read()
        let (key, message, hint): (String?, String, String?) = (reader.read(), reader.read(), reader.read())
        self.init(code, at: location, key: key, message, hint: hint, severity: reader.read(Bool.self) ? .warning : .error)
    }
}

extension Meeting.AgendaItem: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(number)
        writer.write(name)
        writer.write(paper)
        writer.write(order)
        writer.write(location)
        writer.write(isPublic)
        writer.write(late?.rawValue)
    }

    public init(from reader: inout SpoolReader) {
        let (number, name, paper, order): (String, String?, String?, Int) = (reader.read(), reader.read(), reader.read(), reader.read())
        let location: SourceLocation = reader.read()
        let isPublic: Bool = reader.read()
        let late = reader.read(String?.self).map { text in
            guard let late = Meeting.Late(rawValue: text) else { preconditionFailure("Zwischendaten sind beschädigt.") }
            return late
        }
        self.init(number: number, name: name, isPublic: isPublic, paper: paper, late: late, order: order, location: location)
    }
}
