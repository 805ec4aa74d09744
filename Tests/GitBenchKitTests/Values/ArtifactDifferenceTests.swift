import Foundation
import Testing
@testable import GitBenchKit

@Suite struct ArtifactDifferenceTests {
    private func difference(_ reference: String, _ candidate: String) -> ArtifactDifference {
        ArtifactDifference(reference: Data(reference.utf8), candidate: Data(candidate.utf8), referencePath: "/r", candidatePath: "/c")
    }

    @Test func textGetsAUnifiedDiffWithThreeLinesOfContext() {
        let old = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...12).map { "line \($0)" }
        lines[5] = "line six"
        lines.insert("inserted", at: 11)
        let diff = difference(old, lines.joined(separator: "\n") + "\n")
        #expect(diff.unifiedDiff == [
            "--- reference", "+++ candidate",
            "@@ -3,10 +3,11 @@",
            " line 3", " line 4", " line 5", "-line 6", "+line six", " line 7", " line 8", " line 9", " line 10",
            " line 11", "+inserted", " line 12",
        ])
        #expect(diff.firstDifferenceOffset == "line 1\nline 2\nline 3\nline 4\nline 5\nline ".utf8.count)
        #expect(!diff.isTruncated)
    }

    @Test func farApartChangesAreSeparateHunks() {
        let old = (1...20).map { "\($0)" }
        var new = old
        new[0] = "one"
        new[19] = "twenty"
        let diff = difference(old.joined(separator: "\n"), new.joined(separator: "\n"))
        #expect(diff.unifiedDiff?.filter { $0.hasPrefix("@@") } == ["@@ -1,4 +1,4 @@", "@@ -17,4 +17,4 @@"])
    }

    @Test func aLongDiffIsCutAtFiftyLines() {
        let old = (1...200).map { "a\($0)" }.joined(separator: "\n")
        let new = (1...200).map { "b\($0)" }.joined(separator: "\n")
        let diff = difference(old, new)
        #expect(diff.unifiedDiff?.count == ArtifactDifference.maximumDiffLines)
        #expect(diff.isTruncated)
    }

    @Test func binaryFilesGetTheFirstDifferingByteOnly() {
        let diff = ArtifactDifference(reference: Data([0, 1, 2, 3]), candidate: Data([0, 1, 9, 3, 4]), referencePath: "/r", candidatePath: "/c")
        #expect(diff.unifiedDiff == nil)
        #expect(diff.firstDifferenceOffset == 2)
        #expect(diff.referenceSize == 4 && diff.candidateSize == 5)
        let prefix = ArtifactDifference(reference: Data([1, 2]), candidate: Data([1, 2, 0]), referencePath: "/r", candidatePath: "/c")
        #expect(prefix.firstDifferenceOffset == 2)
    }

    @Test func aHugeChangedMiddleStaysBoundedAsOneBlock() {
        let old = (0..<3_000).map { "x\($0)" }
        let new = (0..<3_000).map { "y\($0)" }
        let operations = LineDiff.operations(old: old.map { Substring($0) }, new: new.map { Substring($0) })
        #expect(operations.count == 6_000)
        #expect(operations.first == .removed("x0") && operations.last == .added("y2999"))
    }
}
