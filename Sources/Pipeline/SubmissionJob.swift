public import Foundation
public import Council
import Conversion
import ODFPackage
import Templating

/// Renders one submission (Sitzungsvorlage) with its annexes from its YAML data and a template,
/// and writes it: the everyday job of one office's clerk.
///
/// Everything is checked before anything is written: the data, every annex, the template and
/// the filling. Then the submission is written, with its merged annexes inside, and beside it
/// each annex that goes out on its own. Every file goes through a temporary file and a rename.
public struct SubmissionJob: Sendable {
    public var paper: URL
    /// The template; nil takes the one the council profile names for the paper's type.
    public var template: URL?
    public var output: URL
    /// How PDF/A copies are made; nil makes none.
    public var pdf: PDFOptions?

    public init(paper: URL, template: URL?, output: URL, pdf: PDFOptions? = nil) {
        self.paper = paper
        self.template = template
        self.output = output
        self.pdf = pdf
    }

    /// What a run wrote.
    public struct Output: Sendable, Hashable {
        /// The submission's .odt.
        public var document: URL
        /// Every annex in Anlagen order, with the file written for it (none when merged or listed).
        public var annexes: [AnnexOutput]
        /// The PDF/A copies written (`pdf`), the submission's first.
        public var pdfs: [URL] = []
    }

    /// One annex and where it went.
    public struct AnnexOutput: Sendable, Hashable {
        public var number: Int
        public var name: String
        public var mode: Paper.AnnexMode
        /// The file written beside the submission (separate ODF or PDF annexes), to be joined into
        /// the session packet at PDF level.
        public var file: URL?
        public var isPDF: Bool
    }

    /// Where a paper's submission goes when no output is named: `build/<meeting>/<paper>.odt` for a
    /// paper in `<meeting>/papers/`, `build/<paper>.odt` otherwise.
    public static func defaultOutput(for paper: URL, buildFolder: URL) -> URL {
        let name = paper.deletingPathExtension().lastPathComponent + ".odt"
        let folder = paper.deletingLastPathComponent()
        if folder.lastPathComponent == "papers" {
            let meeting = folder.deletingLastPathComponent().lastPathComponent
            return buildFolder.appendingPathComponent(meeting).appendingPathComponent(name)
        }
        return buildFolder.appendingPathComponent(name)
    }

    /// Renders and writes the submission and its annexes.
    @discardableResult
    public func run() throws(PipelineError) -> Output {
        let paper: Paper
        let profile: CouncilProfile
        do {
            profile = try CouncilProfile.governing(self.paper.deletingLastPathComponent())
            paper = try Paper(contentsOf: self.paper, profile: profile, inMeeting: false)
        } catch {
            throw PipelineError(.input(error))
        }
        let compiled: Template
        do {
            compiled = try Template(contentsOf: template ?? profile.template(of: paper.paperType))
        } catch {
            throw PipelineError(.template(error))
        }
        let baseName = output.deletingPathExtension().lastPathComponent
        let result = try SubmissionRenderer.render(paper, data: paper.templateData, template: compiled, baseName: baseName, wording: profile.wording)
        let folder = output.deletingLastPathComponent()
        var outputs: [AnnexOutput] = []
        do {
            try AtomicFile.write(result.main.bytes, to: output)
            for (annex, file) in result.annexes {
                var written = annex
                if let file {
                    let target = folder.appendingPathComponent(file.name)
                    try AtomicFile.write(file.bytes, to: target)
                    written.file = target
                }
                outputs.append(written)
            }
        } catch {
            throw PipelineError(.package(error))
        }
        var written = Output(document: output, annexes: outputs)
        if let pdf {
            let documents = [(output, result.main.title)] + zip(result.annexes, outputs).compactMap { rendered, annex in
                annex.file.flatMap { $0.pathExtension == "odt" ? ($0, rendered.annex.name) : nil }
            }
            written.pdfs = try Self.convert(documents, date: paper.date, options: pdf)
        }
        return written
    }

    /// Converts written .odt files to reproducible PDF/A beside them, in one worker process.
    static func convert(_ documents: [(file: URL, title: String)], date: CivilDate, options: PDFOptions) throws(PipelineError) -> [URL] {
        let converter = PDFConverter(jobs: 1, executable: options.executable, timeout: .milliseconds(Int(options.timeout * 1000)))
        defer { converter.shutdownBlocking() }
        let requests = documents.map { ConversionRequest(input: $0.file, output: $0.file.deletingPathExtension().appendingPathExtension("pdf")) }
        var problems: [Problem] = []
        var written: [URL] = []
        for (result, document) in zip(converter.convertBlocking(requests), documents) {
            do {
                let converted = try result.outcome.get()
                let normalized = try MeetingBuild.reproduciblePDF(at: converted.output, date: date, title: document.title, name: converted.output.path)
                try AtomicFile.write(normalized, to: converted.output)
                written.append(converted.output)
            } catch {
                var problem = Problem(error)
                if problem.file == nil { problem = Problem(code: problem.code, file: document.file.path, message: problem.message, hint: problem.hint) }
                problems.append(problem)
            }
        }
        guard problems.isEmpty else { throw PipelineError(.conversion(problems)) }
        return written
    }
}
