public import Foundation
public import ODFPackage

/// Why filling a template failed: problems of the template or the data, or of the package.
public enum FillFailure: Error, Sendable {
    case template(TemplateErrors)
    case package(ODFError)
}

extension Template {
    /// The preview picture, which would show the unfilled markers; filled documents drop it.
    static let thumbnail = "Thumbnails/thumbnail.png"

    /// Fills the template with `data` and returns the package's bytes.
    ///
    /// The template's parts are prepared once as bytes with slots, so a document costs about what
    /// appending its bytes and deflating the filled parts costs; entries no document changes are
    /// copied compressed. A document that needs the tree (one that inserts documents, Markdown
    /// that needs a style or a table the template lacks, or any problem to report) is filled by
    /// ``render(_:documents:)`` instead, which gives the same XML and reports every problem.
    /// - Parameters:
    ///   - metadata: document properties written into meta.xml after filling.
    ///   - mediaType: the media type to write (a document from a .ott template); the template's own
    ///     by default.
    public func fill(_ data: Value, documents: (any DocumentInserter)? = nil, metadata: DocumentMetadata? = nil,
                     mediaType: String? = nil) throws(FillFailure) -> Data {
        if let bytes = try fillByBytes(data, metadata: metadata, mediaType: mediaType) { return bytes }
        return try fillByTreeWalk(data, documents: documents, metadata: metadata, mediaType: mediaType)
    }

    /// Fills through the tree walk: a copy of the compiled tree, filled, packed.
    public func fillByTreeWalk(_ data: Value, documents: (any DocumentInserter)? = nil, metadata: DocumentMetadata? = nil,
                               mediaType: String? = nil) throws(FillFailure) -> Data {
        let output: ODFDocument
        do {
            output = try render(data, documents: documents)
        } catch {
            throw .template(error)
        }
        do {
            if let metadata { try output.apply(metadata) }
            return try output.packageData(mediaType: mediaType)
        } catch {
            throw .package(error)
        }
    }

    /// Fills by appending prepared bytes; nil when this document needs the tree walk.
    func fillByBytes(_ data: Value, metadata: DocumentMetadata?, mediaType: String?) throws(FillFailure) -> Data? {
        if fillPlan == nil { fillPlan = .some(FillPlan.make(for: self)) }
        guard let plan = fillPlan ?? nil else { return nil }
        if metadata != nil, !document.contains("meta.xml") { return nil }
        let styles = try? document.xml("styles.xml")
        do throws(ODFError) {
            let package = try plan.package(mediaType: mediaType, fillsMeta: metadata != nil)
            var parts: [String: PreparedPackage.DeflatedPart] = [:]
            var meta: Data?
            for (program, prefix) in zip(plan.programs, plan.prefixes) {
                var scratch = plan.scratches[program.part]
                defer { plan.scratches[program.part] = scratch }
                if program.part == "meta.xml", metadata != nil {
                    guard let filled = try? program.run(data, template: self, styles: styles, scratch: &scratch) else { return nil }
                    meta = filled
                    continue
                }
                // Deflated as it is filled: a long agenda's part is never whole in memory. The
                // bytes before the first slot were deflated once, when the plan was made.
                try package.beginPart(program.part, prefix: prefix)
                let filled: Bool
                do throws(FillProgram.Abandoned) {
                    try program.run(data, template: self, styles: styles, scratch: &scratch, skippingLeadingBytes: prefix != nil) { bytes throws(ODFError) in
                        try package.appendToPart(bytes)
                    }
                    filled = true
                } catch {
                    filled = false
                }
                guard filled else { return nil }
                parts[program.part] = try package.endPart()
            }
            if let metadata {
                if meta == nil { meta = try plan.constantData("meta.xml") }
                guard let meta else { return nil }
                let xml = try XMLDocument(parsing: meta, partName: "meta.xml")
                try xml.apply(metadata)
                parts["meta.xml"] = try package.deflatedPart(try xml.serialized(), name: "meta.xml")
            }
            return try package.package(deflated: parts)
        } catch {
            throw .package(error)
        }
    }
}
