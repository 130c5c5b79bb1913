import Foundation
import ODFPackage

/// Everything a template prepares once for filling by bytes: a program for each part that
/// data changes, and the packages its documents are written into.
final class FillPlan {
    /// The programs of the parts that differ between documents, in package part order.
    let programs: [FillProgram]
    /// For each program, its leading bytes deflated once (``FillProgram/leadingBytes``), when
    /// there are enough of them to be worth a block of their own. Where zlib cannot start, the
    /// leading bytes are deflated with the rest of each document's part, as shorter ones are.
    let prefixes: [DeflatedPrefix?]
    /// The template with the constant parts as their programs write them, for preparing packages.
    private let base: ODFDocument
    /// Packages prepared so far, by media type and whether meta.xml is filled.
    private var prepared: [String: PreparedPackage] = [:]
    /// Scratch copies of parts in which Markdown makes its blocks, by part.
    var scratches: [String: XMLDocument] = [:]

    init(programs: [FillProgram], base: ODFDocument) {
        self.programs = programs
        self.base = base
        prefixes = programs.map { program in
            guard let leading = program.leadingBytes, leading.count >= DeflatedPrefix.minimumSize else { return nil }
            return program.literal[leading].withUnsafeBytes { bytes in try? DeflatedPrefix(bytes, part: program.part) }
        }
    }

    /// Makes the plan of `template`; nil when a part must take the tree walk.
    static func make(for template: Template) -> FillPlan? {
        let base = template.document.copy()
        var programs: [FillProgram] = []
        for part in Template.filledParts where base.contains(part) {
            guard let program = try? FillProgram.compile(part, of: template) else { return nil }
            if program.isConstant {
                guard (try? base.setData(Data(program.literal), for: part)) != nil else { return nil }
            } else {
                programs.append(program)
            }
        }
        return FillPlan(programs: programs, base: base)
    }

    /// The package that documents of `mediaType` are written into, with meta.xml filled or not.
    func package(mediaType: String?, fillsMeta: Bool) throws(ODFError) -> PreparedPackage {
        let key = "\(mediaType ?? base.mediaType)|\(fillsMeta)"
        if let made = prepared[key] { return made }
        var parts = Set(programs.map(\.part))
        if fillsMeta { parts.insert("meta.xml") }
        let made = try PreparedPackage(base, filledParts: parts, removed: [Template.thumbnail], mediaType: mediaType)
        prepared[key] = made
        return made
    }

    /// The bytes of the part `name` as the plan holds them when no program fills it.
    func constantData(_ name: String) throws(ODFError) -> Data? {
        try base.data(name)
    }
}
