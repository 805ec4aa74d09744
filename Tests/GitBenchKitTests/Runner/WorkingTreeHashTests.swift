import Foundation
import Testing
@testable import GitBenchKit

/// The freshness fingerprint is byte-compatible with benchstone 0.3.1's `working_tree_hash`, so rows imported from
/// benchstone compare with trees measured here. The goldens are what `benchstone.tree_hash.working_tree_hash`
/// printed for this exact tree.
@Suite struct WorkingTreeHashTests {
    /// bench/a.txt, bench/Z.txt, bench/ü.txt, bench/sub/b.bin, src/main.c, plus what is skipped: a symlink, a .pyc
    /// and a __pycache__ directory.
    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tree-\(UUID().uuidString)")
        let files: [(String, String)] = [("bench/a.txt", "x"), ("bench/sub/b.bin", "hello\nworld\n"), ("bench/__pycache__/c.pyc", "zz"),
                                         ("bench/d.pyc", "p"), ("bench/Z.txt", "keep"), ("bench/ü.txt", "ü"), ("src/main.c", "m")]
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("bench/link.txt").path, withDestinationPath: "a.txt")
        return root
    }

    @Test func theHashIsBenchstonesForTheSameTree() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["bench/"])
                == "sha256:bd00bedd1a9ca774088c2ae28048e0f9d9498eac32253c8d2f4796650677933d")
        #expect(try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["bench/", "src/main.c"])
                == "sha256:5067b2b7d8527b77c9242cf6b1706c6ebddf31412eb0ed27df7c6a76d919061d")
        // Overlapping entries count each file once.
        #expect(try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["bench/sub", "bench/sub/b.bin"])
                == "sha256:ae570996bf991c0b2a23218321951db6b93d8901f40e30306006cc26a9230ca9")
    }

    @Test func aChangedByteOrAMovedFileChangesTheHashAndCachesDoNot() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["bench/"])
        try Data("zzz".utf8).write(to: root.appendingPathComponent("bench/__pycache__/c.pyc"))
        try Data("q".utf8).write(to: root.appendingPathComponent("bench/e.pyo"))
        #expect(try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["bench/"]) == before)
        try FileManager.default.moveItem(at: root.appendingPathComponent("bench/Z.txt"), to: root.appendingPathComponent("bench/sub/Z.txt"))
        #expect(try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["bench/"]) != before)
    }

    @Test func aMissingOrEscapingPathIsRefused() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: RunnerError.trackedPath(path: "nope/", reason: "does not exist")) {
            try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["nope/"])
        }
        #expect(throws: RunnerError.trackedPath(path: "../", reason: "leaves the project root")) {
            try WorkingTreeHash.of(projectRoot: root, trackedPaths: ["../"])
        }
    }
}
