public import Foundation
public import ODFPackage

/// Compares what LibreOffice renders of an annex alone with what it renders of the merged
/// document: every line of the annex must be in the merged text, in order.
///
/// The merged document puts the receiver's cover heading on the annex's first page, so every
/// page break of the annex moves. The comparison follows these rules, and no others:
/// 1. Numbers compare as „a number“, not by value: page numbers, page counts, references to
///    pages and the time of day change with the place and moment of rendering.
/// 2. Page furniture (footnotes and endnotes, the static text of headers and footers, and table
///    heading rows, which repeat on every page) sits where the page breaks fall: it must be
///    present, anywhere.
/// 3. The first and last line of every annex page are not compared: that is where headers and
///    footers are, and their fields (chapter names, page numbers) depend on the page.
/// 4. Text in frames and shapes floats beside the body text, and pdftotext interleaves the two
///    by height on the page: it is compared in its own order, separately from the body text.
/// 5. pdftotext lays side-by-side blocks (frames beside text, columns, table cells) on one line
///    separated by wide gaps: lines are split there into segments, each compared on its own.
/// 6. White space between characters is ignored (justified lines, spacing around symbols,
///    hyphenation at line ends differ with the line breaks).
/// Rendering the annex alone with the receiver's document settings (``reference(annex:settingsFrom:in:)``)
/// is the seventh: settings.xml (compatibility options, showing tracked changes) belongs to a
/// document, and the merged document has the receiver's.
public enum MergeReading {
    typealias NS = ODFNamespace

    /// A copy of `annex` in `folder`, under the annex's own file name (file name fields show it),
    /// with the settings.xml of `settingsFrom` (none when it has none).
    public static func reference(annex: URL, settingsFrom receiver: URL, in folder: URL) throws -> URL {
        let document = try ODFDocument(contentsOf: annex)
        // A receiver without settings.xml renders with LibreOffice's defaults; so must the annex.
        if let settings = try ODFDocument(contentsOf: receiver).data("settings.xml") {
            try document.setData(settings, for: "settings.xml")
        } else {
            document.removeEntry("settings.xml")
        }
        let target = folder.appendingPathComponent(annex.lastPathComponent)
        try document.write(to: target)
        return target
    }

    /// The annex lines (with a flow marker: B body, F frame, P page furniture) that the merged
    /// text lacks, following the rules above. Empty when everything is there.
    public static func missingLines(annexText: String, mergedText: String, annex: ODFDocument) throws -> [String] {
        let (furniture, frames) = try flows(of: annex)
        var kinds: [[String]: Flow] = [:]
        func kind(of words: [String]) -> Flow {
            if let known = kinds[words] { return known }
            let flow: Flow = within(words, furniture) ? .furniture : within(words, frames) ? .frame : .body
            kinds[words] = flow
            return flow
        }
        let annexSegments = segments(annexText)
        for segment in annexSegments { _ = kind(of: segment.words) }

        var haystacks: [Flow: String] = [.body: "", .frame: ""]
        var everything = ""
        for segment in segments(mergedText) {
            let joined = segment.words.joined()
            everything += joined
            let flow = kinds[segment.words] ?? .body
            if flow != .furniture { haystacks[flow, default: ""] += joined }
        }

        let edges = pageEdges(annexText)
        var positions: [Flow: String.Index] = [.body: haystacks[.body]!.startIndex, .frame: haystacks[.frame]!.startIndex]
        var missing: [String] = []
        for segment in annexSegments where !edges.contains(segment.lineWords) {
            let needle = segment.words.joined()
            let flow = kind(of: segment.words)
            switch flow {
            case .furniture:
                if !everything.contains(needle) { missing.append("P " + segment.text) }
            case .body, .frame:
                let haystack = haystacks[flow]!
                if let found = haystack.range(of: needle, range: positions[flow]!..<haystack.endIndex) {
                    positions[flow] = found.upperBound
                } else {
                    missing.append((flow == .body ? "B " : "F ") + segment.text)
                }
            }
        }
        return missing
    }

    enum Flow { case body, frame, furniture }

    struct Segment {
        var text: String
        var words: [String]
        /// The words of the whole line the segment is part of.
        var lineWords: [String]
    }

    /// Words with every run of digits replaced by `#` (rule 1).
    static func words(_ text: some StringProtocol) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map { word in
            var result = ""
            var inDigits = false
            for character in word {
                if character.isASCII && character.isNumber {
                    if !inDigits { result.append("#") }
                    inDigits = true
                } else {
                    result.append(character)
                    inDigits = false
                }
            }
            return result
        }
    }

    /// The lines of a pdftotext layout, split at gaps of three or more spaces (rule 5).
    static func segments(_ text: String) -> [Segment] {
        var result: [Segment] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }) {
            let lineWords = words(line)
            guard !lineWords.isEmpty else { continue }
            for part in line.split(separator: "   ", omittingEmptySubsequences: true) {
                let partWords = words(part)
                if !partWords.isEmpty { result.append(Segment(text: String(part).trimmingCharacters(in: .whitespaces), words: partWords, lineWords: lineWords)) }
            }
        }
        return result
    }

    /// The words of the first and last non-empty line of every page (rule 3).
    static func pageEdges(_ text: String) -> Set<[String]> {
        var edges = Set<[String]>()
        for page in text.split(separator: "\u{0C}", omittingEmptySubsequences: false) {
            let lines = page.split(separator: "\n").map { words($0) }.filter { !$0.isEmpty }
            if let first = lines.first { edges.insert(first) }
            if let last = lines.last { edges.insert(last) }
        }
        return edges
    }

    /// The words of every paragraph of page furniture and of frames in the annex (rules 2, 4).
    static func flows(of annex: ODFDocument) throws -> (furniture: [[String]], frames: [[String]]) {
        var furniture: [[String]] = [], frames: [[String]] = []
        var parts = [try annex.xml("content.xml").root]
        if annex.contains("styles.xml") { parts.append(try annex.xml("styles.xml").root) }
        func collect(_ node: XMLNode, isFurniture: Bool, isFrame: Bool) {
            guard node.isElement else { return }
            let furnitureHere = isFurniture || node.is(NS.text, "note-body") || node.is(NS.table, "table-header-rows")
                || (node.namespaceURI == NS.style && ["header", "footer", "header-left", "footer-left", "header-first", "footer-first"].contains(node.localName))
            let frameHere = isFrame || node.is(NS.drawing, "frame") || node.is(NS.drawing, "custom-shape") || node.is(NS.drawing, "rect")
                || node.is(NS.drawing, "text-box")
            if node.is(NS.text, "p") || node.is(NS.text, "h") {
                let paragraphWords = words(paragraphText(node))
                if !paragraphWords.isEmpty {
                    if furnitureHere { furniture.append(paragraphWords) } else if frameHere { frames.append(paragraphWords) }
                }
            }
            for child in node.childElements { collect(child, isFurniture: furnitureHere, isFrame: frameHere) }
        }
        for part in parts { collect(part, isFurniture: false, isFrame: false) }
        return (furniture, frames)
    }

    /// A paragraph's text as it reads: tabs, spaces and line breaks as spaces, notes left out.
    static func paragraphText(_ paragraph: XMLNode) -> String {
        var text = ""
        func walk(_ node: XMLNode) {
            for child in node.children {
                switch child.kind {
                case .text, .cdata: text += child.textContent
                case .element:
                    if child.is(NS.text, "note") || child.is(NS.drawing, "frame") || child.is(NS.office, "annotation") { continue }
                    if child.is(NS.text, "tab") || child.is(NS.text, "s") || child.is(NS.text, "line-break") { text += " " }
                    walk(child)
                default: break
                }
            }
        }
        walk(paragraph)
        return text
    }

    /// True when `words` (maybe after a leading note number) run, in order, inside one of
    /// `paragraphs`; the first word may be the end of a word and the last the start of one
    /// (words hyphenated at a line end).
    static func within(_ words: [String], _ paragraphs: [[String]]) -> Bool {
        var candidates = [words]
        if words.count > 1, ["#", "#."].contains(words[0]) { candidates.append(Array(words.dropFirst())) }
        for candidate in candidates {
            for paragraph in paragraphs where paragraph.count >= candidate.count {
                for start in 0...(paragraph.count - candidate.count) {
                    var matches = true
                    for (offset, word) in candidate.enumerated() {
                        let other = paragraph[start + offset]
                        let fits = word == other || (offset == 0 && other.hasSuffix(word)) || (offset == candidate.count - 1 && other.hasPrefix(word))
                        if !fits { matches = false; break }
                    }
                    if matches { return true }
                }
            }
        }
        return false
    }
}
