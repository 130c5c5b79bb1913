// Prints how fast vorlage is on this machine; speed targets live here, not in tests.
//
//     swift run -c release vorlage-bench [fill] [--documents N] [--annex-out FILE.odt]
//     swift run -c release vorlage-bench meeting [--sizes 200,1000,10000] [--jobs N]
//     swift run -c release vorlage-bench pdf [--papers 50] [--soak 1000]
//     swift run -c release vorlage-bench peers DATADIR OUTDIR [--jobs N]
//
// `fill` (the default): the template engine on its own, filling and merging (FillBench).
// `meeting`: `vorlage build` on generated meetings of many papers, each size in its own child
// process for its peak memory (MeetingBench); the child is `meeting-child FOLDER OUT JOBS`.
// `pdf`: a meeting's papers converted to PDF/A by PDFConverter's workers beside soffice, the
// workers' memory and a soak (PDFBench); needs `swift build -c release --product vorlage` first.
// `peers`: the peers' generated data of ../shared/bench/peers rendered with templates/bench/peers.fodt
// through build's compile, fill, pack and BuildFolder path, for their bench_all.sh (PeersBench).
import Foundation
import Pipeline
import Templating

/// What `vorlage-bench --help` prints.
let usage = """
    usage: vorlage-bench [fill] [--documents N] [--annex-out FILE.odt]
           vorlage-bench meeting [--sizes 200,1000,10000] [--jobs N]
           vorlage-bench pdf [--papers 50] [--jobs 1,2] [--soak N]
           vorlage-bench peers DATADIR OUTDIR [--jobs N] [--template FILE]
           vorlage-bench meeting-generate N FOLDER
           vorlage-bench meeting-child FOLDER OUT JOBS
    Prints figures; docs/performance.md says what each measures.
    """

// As `vorlage` does, so the figures are the tool's.
AllocatorTuning.keepFreedMemory()
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "meeting":
        exit(try MeetingBench.run(Array(arguments.dropFirst())))
    case "meeting-child":
        exit(MeetingChild.run(Array(arguments.dropFirst())))
    case "meeting-generate":
        // `meeting-generate N FOLDER`: only writes the generated meeting, to profile a build of it.
        guard arguments.count == 3, let papers = Int(arguments[1]) else { throw MeetingBench.UsageError(description: "usage: vorlage-bench meeting-generate N FOLDER") }
        try MeetingGenerator(papers: papers, annexEvery: 10).write(to: URL(fileURLWithPath: arguments[2]))
    case "pdf":
        exit(try PDFBench.run(Array(arguments.dropFirst())))
    case "peers":
        exit(try PeersBench.run(Array(arguments.dropFirst())))
    case "fill", nil:
        try FillBench.run(Array(arguments.dropFirst()))
    case "--help", "-h", "help":
        print(usage)
    default:
        // Options of the fill bench may come without its name; anything else is a mistake.
        guard arguments.first?.hasPrefix("--") == true else {
            throw MeetingBench.UsageError(description: "unknown command \(arguments[0])\n\(usage)")
        }
        try FillBench.run(arguments)
    }
} catch {
    FileHandle.standardError.write(Data("vorlage-bench: \(error)\n".utf8))
    exit(1)
}
