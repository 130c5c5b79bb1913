import BenchSupport
import Foundation
import ODFPackage
import TestSupport
import Testing

/// `vorlage-bench peers`, the command the peers' benchmark runs: every JSON document of their
/// contract becomes a document that shows it, and the report gives its figures.
@Suite struct PeersBenchTests {
    static var executable: URL {
        CommandLineTests.executable.deletingLastPathComponent().appendingPathComponent("vorlage-bench")
    }

    /// Three documents of the peers' contract (../shared/bench/peers/README.md): one with the
    /// characters XML escapes, one without annexes, one with three rows of consultation.
    static var documents: [String: [String: Any]] { [
        "vorlage_00000": [
            "ort": "Neuss", "datum": "06.03.2013", "amt": "50 - Sozialamt", "nummer": "50/2403/XV/2013",
            "titel": "Integrationszentrum & „Kommunales Integrationskonzept“ <Entwurf>",
            "beratung": [["gremium": "Kreisausschuss", "termin": "27.02.2013", "behandlung": "öffentlich"]],
            "sachverhalt": ["Erster Absatz mit  zwei Leerzeichen.", "Zweiter Absatz."],
            "beschluss": ["Der Kreistag beschließt."],
            "anlagen": ["Integrationskonzept RKN-2013 02 19"],
        ],
        "vorlage_00001": [
            "ort": "Grevenbroich", "datum": "17.07.2013", "amt": "20 - Kämmerei", "nummer": "20/1042/XV/2013",
            "titel": "Sanierung der Kreisstraße K 33",
            "beratung": [["gremium": "Planungs- und Umweltausschuss", "termin": "31.07.2013", "behandlung": "öffentlich"]],
            "sachverhalt": ["Die Kosten sind in der Kostenschätzung enthalten."],
            "beschluss": ["Der Ausschuss empfiehlt die Vergabe."],
            "anlagen": [String](),
        ],
        "vorlage_00002": [
            "ort": "Neuss", "datum": "01.10.2013", "amt": "10 - Hauptamt", "nummer": "10/0007/XV/2013",
            "titel": "Haushaltssatzung 2014",
            "beratung": [
                ["gremium": "Finanzausschuss", "termin": "02.09.2013", "behandlung": "öffentlich"],
                ["gremium": "Kreisausschuss", "termin": "16.09.2013", "behandlung": "nichtöffentlich"],
                ["gremium": "Kreistag", "termin": "06.10.2013", "behandlung": "öffentlich"],
            ],
            "sachverhalt": ["Entwurf der Haushaltssatzung."],
            "beschluss": ["Der Kreistag beschließt die Haushaltssatzung."],
            "anlagen": ["Haushaltsplan", "Stellenplan"],
        ],
    ] }

    @Test func everyDocumentIsWrittenAndShowsItsData() throws {
        let folder = TemporaryFolder()
        let data = folder.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (name, document) in Self.documents {
            try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: data.appendingPathComponent(name + ".json"))
        }
        let output = folder.url.appendingPathComponent("out")
        let template = Paths.packageRoot.appendingPathComponent("templates/bench/peers.fodt")
        let outcome = try ExternalTools.run(Self.executable.path, ["peers", data.path, output.path, "--jobs", "2", "--template", template.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        // The report on standard error, figures with a decimal point; nothing on standard output,
        // which the peers' harness reads as its own JSON line.
        #expect(outcome.output.isEmpty)
        #expect(outcome.error.contains("3 of 3 documents"), "\(outcome.error)")
        #expect(outcome.error.range(of: #"\n  [0-9]+\.[0-9] docs/s \([0-9]+\.[0-9]{3} s in this process"#, options: .regularExpression) != nil, "\(outcome.error)")
        #expect(outcome.error.range(of: #"peak RSS [0-9]+\.[0-9] MiB"#, options: .regularExpression) != nil, "\(outcome.error)")

        let written = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(written == Self.documents.keys.sorted().map { $0 + ".odt" })
        for (name, document) in Self.documents {
            let odt = try ODFDocument(contentsOf: output.appendingPathComponent(name + ".odt"))
            let content = try odt.xml("content.xml")
            let text = content.root.descendantElements { $0.is(ODFNamespace.text, "p") }.map(\.textContent).joined(separator: "\n")
            for key in ["ort", "datum", "amt", "nummer", "titel"] {
                #expect(text.contains(document[key] as! String), "\(name): \(key)")
            }
            for row in document["beratung"] as! [[String: String]] {
                #expect(text.contains(row["gremium"]!) && text.contains(row["termin"]!), "\(name): \(row)")
            }
            let annexes = document["anlagen"] as! [String]
            for annex in annexes { #expect(text.contains(annex), "\(name): \(annex)") }
            if annexes.isEmpty { #expect(text.contains("keine"), "\(name): no annexes") }
            // The template's note for its editors stays out of the documents.
            let serialized = String(decoding: try content.serialized(), as: UTF8.self)
            #expect(!serialized.contains("<!--"), "\(name)")
        }
    }

    /// The report's figures, made without `String(format:)`: rounded half away from zero, with
    /// as many decimals as asked, the same as `%.Nf` wherever no exact half is involved.
    @Test func fixedDecimals() {
        #expect(0.456.fixed(2) == "0.46")
        #expect(1234.5.fixed(1) == "1234.5")
        #expect(2.0.fixed(0) == "2")
        #expect(1.05.fixed(3) == "1.050")
        #expect(0.004.fixed(2) == "0.00")
        #expect((-0.0001).fixed(2) == "0.00")
        #expect((-1.26).fixed(1) == "-1.3")
        #expect(Double.infinity.fixed(1) == "inf")
        #expect(1e300.fixed(2) == "\(1e300)", "too large for an Int: no trap")
        var generator = SplitMix64(seed: 2013)
        for _ in 0 ..< 1_000 {
            let value = Double(generator.next() % 10_000_000) / 997 - 5_000
            for digits in 0 ... 3 {
                #expect(value.fixed(digits) == String(format: "%.\(digits)f", value), "\(value) with \(digits)")
            }
        }
    }
}
