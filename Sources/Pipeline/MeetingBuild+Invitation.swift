import Foundation
import Archive
import Templating
import Council

extension MeetingBuild {
    /// Renders the invitation with the whole agenda and, when the meeting has non-public items,
    /// the public invitation without them (what is published, and the public packet's cover).
    /// Both list every paper, so they need every paper on the agenda to be sound. Returns what
    /// failed, for the caller to record.
    func renderInvitations(_ run: BuildRun) -> [Manifest.Failure] {
        let unsound = run.papers.filter { !$0.isSound }.map(\.fileName)
        guard unsound.isEmpty else {
            return [Manifest.Failure(file: run.target.appendingPathComponent(BuildRun.invitationName).path,
                                     problems: [Phrase.line(location: run.target.appendingPathComponent(BuildRun.invitationName).path, code: "invitation-not-built",
                                                                 message: "Die Einladung wurde nicht erzeugt, weil Vorlagen ihrer Tagesordnung Probleme haben: \(unsound.joined(separator: ", ")).",
                                                                 hint: "Beheben Sie zuerst die Probleme dieser Vorlagen.")])]
        }
        var failures: [Manifest.Failure] = []
        let meeting = run.folder.meeting
        let hasNonPublic = run.hasNonPublicMaterial
        var variants: [(publicOnly: Bool, isPublic: Bool)] = [(false, meeting.isPublic && !hasNonPublic)]
        if hasNonPublic, meeting.isPublic { variants.append((true, true)) }
        let papers = run.agendaPapers()
        for variant in variants {
            do throws(PipelineError) {
                let file = try InvitationRenderer.render(meeting, profile: run.folder.profile, publicOnly: variant.publicOnly, paper: papers)
                let record: BuildFolder.Record
                do {
                    record = try run.stage.stage(file.bytes, as: file.name)
                } catch {
                    throw PipelineError(.archive(error))
                }
                let document = BuiltDocument(record: record, title: file.title, mimeType: file.mimeType, date: file.date, isPublic: variant.isPublic)
                if variant.publicOnly { run.publicInvitation = document } else { run.invitation = document }
                run.invitationFiles.append(record)
            } catch {
                failures.append(Manifest.Failure(file: run.folder.profile.invitationTemplate.path, problems: error.lines))
            }
            // The agenda's data and the filled document of a long meeting are large; their memory
            // goes back before the next phase.
            AllocatorTuning.releaseFreedMemory()
        }
        return failures
    }
}
