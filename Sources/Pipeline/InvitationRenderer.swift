import Foundation
public import Council
import ODFPackage
import Templating

/// Renders the invitation with the agenda (Einladung / Tagesordnung) of a meeting.
public enum InvitationRenderer {
    /// The invitation's title, as its properties and the manifest name it.
    public static func title(of meeting: Meeting, publicOnly: Bool = false) -> String {
        publicOnly ? "Einladung (öffentlicher Teil): \(meeting.name)" : "Einladung: \(meeting.name)"
    }

    /// Renders the invitation from the profile's invitation template; every paper on the agenda
    /// must have been read. The public invitation leaves out every non-public item, so its
    /// template's non-public part stays empty.
    public static func render(_ folder: MeetingFolder, publicOnly: Bool = false) throws(PipelineError) -> RenderedFile {
        // Positions, not copies: a meeting of thousands of papers keeps one copy of each.
        var positions: [String: Int] = [:]
        for (position, file) in folder.papers.enumerated() {
            if let reference = file.paper?.reference { positions[reference] = position }
        }
        return try render(folder.meeting, profile: folder.profile, publicOnly: publicOnly) { [positions] in positions[$0].flatMap { folder.papers[$0].paper } }
    }

    /// Renders the invitation of a meeting, with `lookup` giving the paper of each reference on
    /// its agenda (only what the agenda shows of it is read: name, reference, type and date).
    static func render(_ meeting: Meeting, profile: CouncilProfile, publicOnly: Bool, paper lookup: @escaping @Sendable (String) -> Paper?) throws(PipelineError) -> RenderedFile {
        let data = meeting.invitationData(profile: profile, publicOnly: publicOnly, paper: lookup)
        let template: Template
        do {
            template = try Template(contentsOf: profile.invitationTemplate)
        } catch {
            throw PipelineError(.template(error))
        }
        let metadata = DocumentMetadata(
            title: title(of: meeting, publicOnly: publicOnly), subject: meeting.name,
            keywords: ["Einladung", "Tagesordnung", meeting.organization, profile.body.name].filter { !$0.isEmpty },
            language: "de-DE",
            userDefined: [
                .init("Gremium", meeting.organization),
                .init("Sitzungsdatum", meeting.date.iso),
                .init("Einladungsdatum", meeting.invitationDate.iso),
                .init("Körperschaft", profile.body.name),
            ])
        let bytes: Data
        do {
            bytes = try template.fill(data, metadata: metadata, mediaType: ODFDocument.textMediaType)
        } catch {
            throw PipelineError(filling: error)
        }
        return RenderedFile(name: publicOnly ? "einladung-oeffentlich.odt" : "einladung.odt", bytes: bytes,
                            title: title(of: meeting, publicOnly: publicOnly), mimeType: RenderedFile.odtMimeType, date: meeting.invitationDate)
    }
}
