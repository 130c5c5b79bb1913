public import Foundation
import Archive
import Council

/// How a meeting build makes PDF/A copies and session packets.
public struct PDFOptions: Sendable {
    /// The `vorlage` executable that runs the conversion workers.
    public var executable: URL
    /// Seconds one document may take before its worker is killed and replaced.
    public var timeout: Double
    public init(executable: URL, timeout: Double = 120) {
        self.executable = executable
        self.timeout = timeout
    }
}

extension MeetingBuild {
    /// Converts every ODF document to PDF/A and joins the session packets.
    func makePDFs(_ run: BuildRun, options: PDFOptions, progress: @escaping @Sendable (Progress) -> Void) {
    }
}
