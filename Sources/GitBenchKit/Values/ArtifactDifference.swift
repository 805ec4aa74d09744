import Foundation

/// How a correctness candidate's artifact differs from the reference: both stored files, where the bytes first part,
/// and for text a unified diff (its first `maximumDiffLines` lines), so a FAIL shows what changed, not two hashes.
public struct ArtifactDifference: Sendable, Equatable, Codable {
    public var referencePath: String
    public var candidatePath: String
    public var referenceSize: Int
    public var candidateSize: Int
    /// The offset of the first byte that differs (or where the shorter file ends).
    public var firstDifferenceOffset: Int
    /// `--- reference` / `+++ candidate` / hunks, when both files are UTF-8 text without NULs and the diff is
    /// computable; nil for binary files.
    public var unifiedDiff: [String]?
    /// The unified diff had more lines than `unifiedDiff` holds.
    public var isTruncated: Bool

    public static let maximumDiffLines = 50

    enum CodingKeys: String, CodingKey {
        case referencePath = "reference_path"
        case candidatePath = "candidate_path"
        case referenceSize = "reference_size"
        case candidateSize = "candidate_size"
        case firstDifferenceOffset = "first_difference_offset"
        case unifiedDiff = "unified_diff"
        case isTruncated = "truncated"
    }

    /// Compares two different artifacts.
    public init(reference: Data, candidate: Data, referencePath: String, candidatePath: String) {
        self.referencePath = referencePath
        self.candidatePath = candidatePath
        referenceSize = reference.count
        candidateSize = candidate.count
        let common = min(reference.count, candidate.count)
        let (old, new) = (Array(reference), Array(candidate))
        firstDifferenceOffset = (0..<common).first { old[$0] != new[$0] } ?? common
        isTruncated = false
        guard let oldLines = Self.textLines(old), let newLines = Self.textLines(new) else { return }
        let diff = LineDiff.unified(old: oldLines, new: newLines, oldLabel: "reference", newLabel: "candidate")
        unifiedDiff = Array(diff.prefix(Self.maximumDiffLines))
        isTruncated = diff.count > Self.maximumDiffLines
    }

    /// The lines of `data` when it reads as text: valid UTF-8 without a NUL byte.
    static func textLines(_ bytes: [UInt8]) -> [Substring]? {
        guard !bytes.contains(0), UTF8Validation.firstInvalidOffset(in: bytes) == nil else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// A line diff in unified format (3 lines of context). The common head and tail are trimmed first; the rest is
/// diffed by longest common subsequence when it is small enough, and otherwise shown as one replaced block, so the
/// cost stays bounded on any input.
enum LineDiff {
    static let context = 3
    /// Cells of the LCS table beyond which the changed middle is shown as one block.
    static let maximumCells = 4_000_000

    enum Operation: Equatable {
        case same(Substring)
        case removed(Substring)
        case added(Substring)
    }

    static func unified(old: [Substring], new: [Substring], oldLabel: String, newLabel: String) -> [String] {
        let operations = self.operations(old: old, new: new)
        guard operations.contains(where: { if case .same = $0 { return false } else { return true } }) else { return [] }
        var lines = ["--- \(oldLabel)", "+++ \(newLabel)"]
        // Positions (in old and new) before each operation, to number the hunks.
        var oldBefore: [Int] = []
        var newBefore: [Int] = []
        var oldLine = 0
        var newLine = 0
        for operation in operations {
            oldBefore.append(oldLine)
            newBefore.append(newLine)
            switch operation {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        let changed = operations.indices.filter { if case .same = operations[$0] { return false } else { return true } }
        var hunkStart = 0
        while hunkStart < changed.count {
            var hunkEnd = hunkStart
            while hunkEnd + 1 < changed.count, changed[hunkEnd + 1] - changed[hunkEnd] <= 2 * context + 1 { hunkEnd += 1 }
            let first = max(0, changed[hunkStart] - context)
            let last = min(operations.count - 1, changed[hunkEnd] + context)
            var oldCount = 0
            var newCount = 0
            var body: [String] = []
            for operation in operations[first...last] {
                switch operation {
                case .same(let line): body.append(" " + line); oldCount += 1; newCount += 1
                case .removed(let line): body.append("-" + line); oldCount += 1
                case .added(let line): body.append("+" + line); newCount += 1
                }
            }
            let oldStart = oldCount == 0 ? oldBefore[first] : oldBefore[first] + 1
            let newStart = newCount == 0 ? newBefore[first] : newBefore[first] + 1
            lines.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
            lines += body
            hunkStart = hunkEnd + 1
        }
        return lines
    }

    static func operations(old: [Substring], new: [Substring]) -> [Operation] {
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let oldMiddle = Array(old[head..<(old.count - tail)])
        let newMiddle = Array(new[head..<(new.count - tail)])
        var operations = old[..<head].map(Operation.same)
        if oldMiddle.count * newMiddle.count <= maximumCells {
            operations += longestCommonSubsequence(oldMiddle, newMiddle)
        } else {
            operations += oldMiddle.map(Operation.removed) + newMiddle.map(Operation.added)
        }
        operations += old[(old.count - tail)...].map(Operation.same)
        return operations
    }

    /// The edit script of the classic LCS table, removals before additions within a change.
    private static func longestCommonSubsequence(_ old: [Substring], _ new: [Substring]) -> [Operation] {
        let columns = new.count + 1
        // lengths[i * columns + j]: the LCS length of old[i...] and new[j...].
        var lengths = [Int32](repeating: 0, count: (old.count + 1) * columns)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] = old[i] == new[j]
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var operations: [Operation] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                operations.append(.same(old[i]))
                i += 1
                j += 1
            } else if j == new.count || (i < old.count && lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1]) {
                operations.append(.removed(old[i]))
                i += 1
            } else {
                operations.append(.added(new[j]))
                j += 1
            }
        }
        return operations
    }
}
