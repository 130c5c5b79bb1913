import Foundation
import Archive
import Council

extension MeetingBuild {
    /// Renders the invitation with the whole agenda and, when the meeting has non-public items,
    /// the public invitation without them (what is published, and the public packet's cover).
    /// Both list every paper, so they need every paper on the agenda to be sound.
    func renderInvitations(_ run: BuildRun) {
        let unsound = run.papers.filter { !$0.file.isSound }.map { $0.file.url.lastPathComponent }
        guard unsound.isEmpty else {
            run.fail(run.target.appendingPathComponent(BuildRun.invitationName).path,
                     ["the invitation was not built because papers on its agenda have problems: \(unsound.joined(separator: ", "))."])
            return
        }
        let meeting = run.folder.meeting
        let hasNonPublic = run.hasNonPublicMaterial
        var variants: [(publicOnly: Bool, isPublic: Bool)] = [(false, meeting.isPublic && !hasNonPublic)]
        if hasNonPublic, meeting.isPublic { variants.append((true, true)) }
        for variant in variants {
            do throws(PipelineError) {
                let file = try InvitationRenderer.render(run.folder, publicOnly: variant.publicOnly)
                let record: BuildFolder.Record
                do {
                    record = try run.stage.stage(file.bytes, as: file.name)
                } catch {
                    throw PipelineError(.archive(error))
                }
                let document = BuiltDocument(record: record, title: file.title, mimeType: file.mimeType, date: file.date, isPublic: variant.isPublic)
                if variant.publicOnly { run.publicInvitation = document } else { run.invitation = document }
                run.writtenFiles.insert(record, at: variant.publicOnly ? min(1, run.writtenFiles.count) : 0)
            } catch {
                run.fail(run.folder.profile.invitationTemplate.path, error.lines)
            }
        }
    }
}
