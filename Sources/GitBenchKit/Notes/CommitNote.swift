import Foundation

/// A whole note on one commit: its verdict lines (at most one per `project/benchmark`, sorted) and whatever other
/// text people or tools put there, which is kept.
///
/// The rendered text is the sorted verdict lines, then, when there is other text, one blank line and that text in
/// its original order (blank lines at its start and end dropped), ending with a newline. Rendering a parsed note
/// again gives the same text, so rewriting a note only changes the lines that changed.
public struct CommitNote: Sendable, Equatable {
    /// The verdict lines, sorted by `key`.
    public private(set) var verdicts: [NoteLine]
    /// Every line that is not a verdict line, in order, without leading and trailing blank lines.
    public private(set) var otherLines: [String]

    /// A note with these verdicts (one per key: a later duplicate replaces an earlier one) and other lines.
    public init(verdicts: [NoteLine] = [], otherLines: [String] = []) {
        self.verdicts = []
        self.otherLines = Self.trimmingBlankLines(otherLines)
        verdicts.forEach { record($0) }
    }

    /// Parses a note's text; `nil` or empty text is an empty note. When a note holds two lines for the same
    /// benchmark (for example after `git notes merge -s cat_sort_uniq`), the newer evaluation is kept.
    public init(parsing text: String?) {
        var verdicts: [NoteLine] = []
        var others: [String] = []
        // Split by bytes, not Characters: grapheme breaking would dominate parsing on long histories.
        for bytes in (text ?? "").utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let body = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
            let line = String(decoding: body, as: UTF8.self)
            if let verdict = NoteLine(line: line) { verdicts.append(verdict) } else { others.append(line) }
        }
        self.init(otherLines: others)
        verdicts.forEach { keepNewer($0) }
    }

    /// The note's text, as described on the type; "" for an empty note.
    public var text: String {
        var lines = verdicts.map(\.line)
        if !otherLines.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines += otherLines
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The line for `project/benchmark`, if the note has one.
    public func verdict(project: String, benchmark: String) -> NoteLine? {
        verdicts.first { $0.project == project && $0.benchmark == benchmark }
    }

    /// Puts `verdict` in the note, replacing the line of the same `project/benchmark` in place (the newest
    /// evaluation on this machine is the one to keep) and keeping the lines sorted.
    public mutating func record(_ verdict: NoteLine) {
        verdicts.removeAll { $0.key == verdict.key }
        let index = verdicts.firstIndex { $0.key > verdict.key } ?? verdicts.endIndex
        verdicts.insert(verdict, at: index)
    }

    /// The union of two versions of a note on the same commit, for merging diverged notes refs.
    ///
    /// Every benchmark of either side is kept; when both sides have a line for a benchmark, the later `at=` wins
    /// (a line without one counts as oldest; at equal times the larger line text wins, so merging A into B and B
    /// into A agree). Other text: ours, then their lines that ours lacks.
    public static func merged(_ ours: CommitNote, _ theirs: CommitNote) -> CommitNote {
        var result = ours
        theirs.verdicts.forEach { result.keepNewer($0) }
        let known = Set(ours.otherLines)
        result.otherLines += theirs.otherLines.filter { !known.contains($0) && $0.contains(where: { !$0.isWhitespace }) }
        result.otherLines = trimmingBlankLines(result.otherLines)
        return result
    }

    /// The newer of two lines for the same benchmark, as `merged(_:_:)` decides it.
    static func isNewer(_ candidate: NoteLine, than current: NoteLine) -> Bool {
        let candidateDate = candidate.evaluationDate ?? .distantPast
        let currentDate = current.evaluationDate ?? .distantPast
        if candidateDate != currentDate { return candidateDate > currentDate }
        return candidate.line > current.line
    }

    private mutating func keepNewer(_ verdict: NoteLine) {
        if let existing = self.verdict(project: verdict.project, benchmark: verdict.benchmark), !Self.isNewer(verdict, than: existing) {
            return
        }
        record(verdict)
    }

    private static func trimmingBlankLines(_ lines: [String]) -> [String] {
        let isBlank = { (line: String) in line.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
        guard let first = lines.firstIndex(where: { !isBlank($0) }), let last = lines.lastIndex(where: { !isBlank($0) }) else {
            return []
        }
        return Array(lines[first...last])
    }
}
