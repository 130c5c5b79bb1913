import Conversion
import Foundation
import Synchronization
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The PDF converter end to end: real worker processes (`vorlage convert-worker`) running
/// LibreOfficeKit. One test at a time, so no more than two LibreOffice processes run at once.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PDFConverterTests {
    private func converter(in folder: TemporaryFolder, jobs: Int = 1, timeout: Duration = .seconds(60), restartAfter: Int = 200) -> PDFConverter {
        PDFConverter(jobs: jobs, executable: ConversionFixtures.executable, timeout: timeout, restartAfter: restartAfter,
                     profileRoot: folder.file("profiles"), allowTestFaults: true)
    }

    /// Shuts `converter` down and checks that none of its processes and profile folders remain.
    private func shutDownCleanly(_ converter: PDFConverter, sourceLocation: SourceLocation = #_sourceLocation) async {
        await converter.shutdown()
        #expect(ConversionFixtures.processes(of: converter.profileRoot).isEmpty, "a worker outlived the shutdown", sourceLocation: sourceLocation)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: converter.profileRoot.path)) ?? []
        #expect(left.isEmpty, "profile folders left: \(left)", sourceLocation: sourceLocation)
    }

    @Test func theExampleBecomesTaggedPDFA2bWithItsTitleAndLanguage() async throws {
        let folder = TemporaryFolder()
        let input = try ConversionFixtures.renderExample(into: folder)
        let output = folder.file("PDF mit Umlaut ä/Sitzungsvorlage.pdf")
        let converter = converter(in: folder)
        let results = await converter.convert([ConversionRequest(input: input, output: output)])
        await shutDownCleanly(converter)

        let result = try #require(results.first)
        let converted = try result.outcome.get()
        #expect(converted.output == output)
        #expect(converted.duration > .zero)

        let pdf = try PDFFacts(output)
        #expect(pdf.pdfaIdentification.part == "2")
        #expect(pdf.pdfaIdentification.conformance == "B")
        #expect(pdf.outputIntents.contains { ($0["/S"] as? String) == "/GTS_PDFA1" }, "no PDF/A OutputIntent: \(pdf.outputIntents)")
        #expect(!pdf.fonts.isEmpty)
        #expect(pdf.fonts.allSatisfy { $0.embedded }, "fonts not embedded: \(pdf.fonts.filter { !$0.embedded }.map(\.name))")
        #expect(pdf.isTagged)
        #expect(pdf.info["Tagged"] == "yes")
        #expect(pdf.language == "de-DE")
        #expect(pdf.info["Title"] == "Sitzungsvorlage 50/2403/XV/2013: Kommunales Integrationszentrum/ Integrationskonzept")
        #expect(pdf.info["Pages"] == "6")
        #expect(converter.statistics.workerStarts == 1)
    }

    @Test func tenDocumentsGoThroughTwoWorkersWithoutAProcessPerDocument() async throws {
        let folder = TemporaryFolder()
        let requests = ConversionFixtures.requests(try ConversionFixtures.letter(in: folder), count: 10, in: folder)
        let converter = converter(in: folder, jobs: 2)
        let told = Mutex<[Int]>([])
        let results = await converter.convert(requests) { index, _ in told.withLock { $0.append(index) } }
        let statistics = converter.statistics
        await shutDownCleanly(converter)

        #expect(results.map(\.request) == requests, "results come in the order of the requests")
        #expect(told.withLock { $0.sorted() } == Array(0..<10), "each result is told once")
        for result in results {
            #expect(result.error == nil, "\(result.error?.description ?? "")")
            let head = try FileHandle(forReadingFrom: result.request.output).read(upToCount: 5)
            #expect(head == Data("%PDF-".utf8))
        }
        #expect(statistics.converted == 10)
        #expect((1...2).contains(statistics.workerStarts), "\(statistics.workerStarts) worker starts for 10 documents")
        #expect(statistics.restarts == 0)
    }

    @Test func aFailingDocumentIsReportedWhileTheOthersConvert() async throws {
        let folder = TemporaryFolder()
        let letter = try ConversionFixtures.letter(in: folder)
        let missing = folder.file("fehlt.odt")
        let requests = [
            ConversionRequest(input: letter, output: folder.file("1.pdf")),
            ConversionRequest(input: letter, output: folder.file("2.pdf"), fault: .fail),
            ConversionRequest(input: missing, output: folder.file("3.pdf")),
            // LibreOffice noise on standard output must not break the protocol.
            ConversionRequest(input: letter, output: folder.file("4.pdf"), fault: .noise),
            ConversionRequest(input: letter, output: folder.file("5.pdf")),
        ]
        let converter = converter(in: folder)
        let results = await converter.convert(requests)
        let statistics = converter.statistics
        await shutDownCleanly(converter)

        let failed = try #require(results[1].error)
        #expect(failed.code == .saveFailed)
        #expect(failed.file == letter.path)
        #expect(failed.message.contains("LibreOffice kann"), "\(failed)")
        #expect(failed.message.contains("impl_store"), "LibreOffice's own reason is in the message: \(failed)")
        let absent = try #require(results[2].error)
        #expect(absent.code == .loadFailed)
        #expect(absent.description.hasPrefix(missing.path))
        for index in [0, 3, 4] {
            #expect(results[index].output == requests[index].output, "\(results[index].error?.description ?? "")")
        }
        #expect(statistics.workerStarts == 1, "a failing document does not cost its worker")
        #expect(statistics.failed == 2)
    }

    @Test func aHangingDocumentIsKilledAfterTheTimeoutAndANewWorkerGoesOn() async throws {
        let folder = TemporaryFolder()
        let letter = try ConversionFixtures.letter(in: folder)
        let requests = [
            ConversionRequest(input: letter, output: folder.file("1.pdf")),
            ConversionRequest(input: letter, output: folder.file("2.pdf"), fault: .hang),
            ConversionRequest(input: letter, output: folder.file("3.pdf")),
            ConversionRequest(input: letter, output: folder.file("4.pdf")),
        ]
        let converter = converter(in: folder, timeout: .seconds(3))
        let clock = ContinuousClock()
        let start = clock.now
        let results = await converter.convert(requests)
        let elapsed = clock.now - start
        let statistics = converter.statistics
        await shutDownCleanly(converter)

        let hung = try #require(results[1].error)
        #expect(hung.code == .timeout)
        #expect(hung.file == letter.path)
        #expect(hung.message.contains("3 s"), "\(hung)")
        for index in [0, 2, 3] { #expect(results[index].error == nil, "\(results[index].error?.description ?? "")") }
        #expect(statistics.workerStarts == 2, "the hung worker was replaced once")
        #expect(statistics.timeouts == 1)
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }

    @Test func aCrashingWorkerIsReportedAndReplaced() async throws {
        let folder = TemporaryFolder()
        let letter = try ConversionFixtures.letter(in: folder)
        let requests = [
            ConversionRequest(input: letter, output: folder.file("1.pdf")),
            ConversionRequest(input: letter, output: folder.file("2.pdf"), fault: .crash),
            ConversionRequest(input: letter, output: folder.file("3.pdf")),
        ]
        let converter = converter(in: folder)
        let results = await converter.convert(requests)
        let statistics = converter.statistics
        await shutDownCleanly(converter)

        let crashed = try #require(results[1].error)
        #expect(crashed.code == .workerCrashed)
        #expect(crashed.file == letter.path)
        #expect(crashed.message.contains("Exit-Status") || crashed.message.contains("beendet durch Signal"), "\(crashed)")
        #expect(results[0].error == nil)
        #expect(results[2].error == nil, "\(results[2].error?.description ?? "")")
        #expect(statistics.workerStarts == 2)
        #expect(statistics.crashes == 1)
    }

    @Test func aWorkerThatDiesBetweenDocumentsIsReplacedWithoutLosingOne() async throws {
        let folder = TemporaryFolder()
        let letter = try ConversionFixtures.letter(in: folder)
        let converter = converter(in: folder)
        let first = await converter.convert([ConversionRequest(input: letter, output: folder.file("1.pdf"))])
        #expect(first.first?.error == nil)
        let worker = try #require(ConversionFixtures.processes(of: converter.profileRoot).first)
        #expect(kill(worker, SIGKILL) == 0)
        #expect(await ConversionFixtures.eventually(within: 10) { ConversionFixtures.hasEnded(worker) })

        // Writing to the dead worker must neither end this process (SIGPIPE) nor fail the document.
        let results = await converter.convert(ConversionFixtures.requests(letter, count: 2, in: folder))
        let statistics = converter.statistics
        await shutDownCleanly(converter)
        #expect(results.allSatisfy { $0.error == nil }, "\(results.map { $0.error?.description ?? "ok" })")
        #expect(statistics.workerStarts == 2)
    }

    @Test func workersRestartAfterTheirQuotaOfDocuments() async throws {
        let folder = TemporaryFolder()
        let requests = ConversionFixtures.requests(try ConversionFixtures.letter(in: folder), count: 7, in: folder)
        let converter = converter(in: folder, restartAfter: 3)
        let results = await converter.convert(requests)
        let statistics = converter.statistics
        await shutDownCleanly(converter)

        #expect(results.allSatisfy { $0.error == nil })
        #expect(statistics.workerStarts == 3, "3 + 3 + 1 documents")
        #expect(statistics.restarts == 2)
    }

    @Test func noWorkerOutlivesTheShutdown() async throws {
        let folder = TemporaryFolder()
        let requests = ConversionFixtures.requests(try ConversionFixtures.letter(in: folder), count: 2, in: folder)
        let converter = converter(in: folder, jobs: 2)
        _ = await converter.convert(requests)
        let running = ConversionFixtures.processes(of: converter.profileRoot)
        #expect((1...2).contains(running.count), "idle workers wait for more documents: \(running)")
        await shutDownCleanly(converter)
        let after = await converter.convert(requests)
        #expect(after.allSatisfy { $0.error?.code == .shutDown })
    }

    @Test func releasingTheConverterEndsItsWorkers() async throws {
        let folder = TemporaryFolder()
        let profileRoot = folder.file("profiles")
        let requests = ConversionFixtures.requests(try ConversionFixtures.letter(in: folder), count: 1, in: folder)
        do {
            let converter = converter(in: folder)
            #expect(await converter.convert(requests).allSatisfy { $0.error == nil })
            #expect(ConversionFixtures.processes(of: profileRoot).count == 1)
        }
        let gone = await ConversionFixtures.eventually(within: 15) {
            ConversionFixtures.processes(of: profileRoot).isEmpty
                && ((try? FileManager.default.contentsOfDirectory(atPath: profileRoot.path)) ?? []).isEmpty
        }
        #expect(gone, "workers or profile folders remain after the converter was released")
    }

    @Test func theBlockingCallsServeCallersThatAreNotAsync() async throws {
        let folder = TemporaryFolder()
        let requests = ConversionFixtures.requests(try ConversionFixtures.letter(in: folder), count: 2, in: folder)
        let converter = converter(in: folder)
        let results = await withCheckedContinuation { continuation in
            Thread {
                let results = converter.convertBlocking(requests)
                converter.shutdownBlocking()
                continuation.resume(returning: results)
            }.start()
        }
        #expect(results.allSatisfy { $0.error == nil })
        #expect(ConversionFixtures.processes(of: converter.profileRoot).isEmpty)
    }
}

/// What the converter does without starting LibreOffice at all.
@Suite struct PDFConverterRefusalTests {
    @Test func testFaultsAreRefusedUnlessAllowed() async throws {
        let folder = TemporaryFolder()
        let converter = PDFConverter(jobs: 1, executable: ConversionFixtures.executable, profileRoot: folder.file("profiles"))
        let results = await converter.convert([ConversionRequest(input: folder.file("a.odt"), output: folder.file("a.pdf"), fault: .crash)])
        await converter.shutdown()
        #expect(results.first?.error?.code == .testFaultsDisabled)
        #expect(converter.statistics.workerStarts == 0)
    }

    @Test func aMissingExecutableFailsEveryDocument() async throws {
        let folder = TemporaryFolder()
        let converter = PDFConverter(jobs: 2, executable: folder.file("kein-vorlage"), profileRoot: folder.file("profiles"))
        let requests = (1...3).map { ConversionRequest(input: folder.file("\($0).odt"), output: folder.file("\($0).pdf")) }
        let results = await converter.convert(requests)
        await converter.shutdown()
        #expect(results.allSatisfy { $0.error?.code == .workerStartFailed }, "\(results.map { $0.error?.description ?? "ok" })")
        #expect(results.map { $0.error?.file } == requests.map(\.input.path))
    }

    @Test func anExecutableThatIsNotAWorkerFailsEveryDocument() async throws {
        let folder = TemporaryFolder()
        let converter = PDFConverter(jobs: 1, executable: URL(fileURLWithPath: "/bin/false"), profileRoot: folder.file("profiles"))
        let requests = (1...3).map { ConversionRequest(input: folder.file("\($0).odt"), output: folder.file("\($0).pdf")) }
        let results = await converter.convert(requests)
        await converter.shutdown()
        #expect(results.allSatisfy { $0.error?.code == .workerStartFailed })
        let first = try #require(results.first?.error)
        #expect(first.message.contains("endete, bevor LibreOffice bereit war (Exit-Status 1"), "\(first)")
        #expect(converter.statistics.workerStarts == 0)
    }
}
