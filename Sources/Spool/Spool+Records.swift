/// Records in and out of a spool: what every collection kept in a spool does for each element.
extension Spool {
    /// Writes the record `write` makes and returns its place.
    public func append(writing write: (inout SpoolWriter) -> Void) -> Place {
        var writer = SpoolWriter()
        write(&writer)
        return append(writer.bytes)
    }

    /// Writes `record` and returns its place.
    public func append(_ record: some SpoolRecord) -> Place {
        append { record.write(to: &$0) }
    }

    /// The record at `place`, made by `decode`, which must read every byte of it.
    public func read<Record>(at place: Place, _ decode: (inout SpoolReader) -> Record) -> Record {
        var reader = SpoolReader(read(place))
        let record = decode(&reader)
        precondition(reader.isAtEnd, "Zwischendaten sind beschädigt.")
        return record
    }

    /// The record of type `Record` at `place`.
    public func read<Record: SpoolRecord>(_: Record.Type = Record.self, at place: Place) -> Record {
        read(at: place) { Record(from: &$0) }
    }
}
