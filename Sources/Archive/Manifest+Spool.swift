public import Spool

extension Manifest.PaperFacts: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(reference)
        writer.write(name)
        writer.write(paperType)
        writer.write(date)
        writer.write(underDirectionOf)
        writer.write(originatorOrganization)
        writer.write(superordinatedPaper)
        writer.write(consultations)
    }

    public init(from reader: inout SpoolReader) {
        self.init(reference: reader.read(), name: reader.read(), paperType: reader.read(), date: reader.read(), underDirectionOf: reader.read(),
                  originatorOrganization: reader.read(), superordinatedPaper: reader.read(), consultations: reader.read())
    }
}
