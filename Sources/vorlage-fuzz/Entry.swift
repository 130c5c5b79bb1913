import Foundation

#if FUZZING
/// libFuzzer's driver, linked by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// What libFuzzer calls for each input.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzCase.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

/// The executable's entry point (SwiftPM links `main` to this name): hands the command line to
/// libFuzzer's driver. scripts/fuzz builds this with `-sanitize=fuzzer,address -DFUZZING`.
@_cdecl("vorlage_fuzz_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without the fuzzer: runs each file named on the command line once, to replay a finding.
@main
struct Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        guard !files.isEmpty else {
            print("usage: vorlage-fuzz FILE…   (replays inputs; scripts/fuzz [seconds] runs the fuzzer)")
            return
        }
        for file in files {
            guard let input = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot be read")
                exit(1)
            }
            FuzzCase.run(input)
            print("\(file): no finding")
        }
    }
}
#endif
