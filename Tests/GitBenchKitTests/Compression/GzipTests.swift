import Foundation
import Testing
@testable import GitBenchKit

/// Archived results are gzip that the real `gunzip` reads, and the same JSON always gzips to the same bytes (no
/// timestamp, no file name, no OS byte of the machine that wrote it).
@Suite struct GzipTests {
    static let json = Data((0..<400).map { "{\"index\": \($0), \"metric\": \(Double($0) / 7), \"name\": \"é ☃ 😀\"}" }.joined(separator: "\n").utf8)

    @Test func theRealGunzipGivesBackTheInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("results.json.gz")
        try Compression.gzip(Self.json).write(to: file)
        let result = try runProcess("/usr/bin/env", ["gunzip", "-c", file.path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(Data(result.stdout.utf8) == Self.json)
    }

    @Test func twoCompressionsOfTheSameInputAreByteIdentical() throws {
        let first = try Compression.gzip(Self.json)
        let second = try Compression.gzip(Data(Self.json))
        #expect(first == second)
        #expect(first.count < Self.json.count / 3)
        // mtime 0, no flags, XFL 2, OS 255.
        #expect(Array(first.prefix(10)) == [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF])
    }

    @Test func gunzipReadsWhatGzipWroteIncludingEmptyInput() throws {
        #expect(try Compression.gunzip(Compression.gzip(Self.json)) == Self.json)
        #expect(try Compression.gunzip(Compression.gzip(Data())) == Data())
    }

    @Test func gunzipReadsWhatTheRealGzipWrote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("results.json")
        try Self.json.write(to: file)
        #expect(try runProcess("/usr/bin/env", ["gzip", "-n", file.path]).status == 0)
        #expect(try Compression.gunzip(Data(contentsOf: folder.appendingPathComponent("results.json.gz"))) == Self.json)
    }

    @Test func truncatedOrForeignBytesAreRefusedNotGuessed() throws {
        let whole = try Compression.gzip(Self.json)
        #expect(throws: CompressionError.inflate(reason: "the gzip data is truncated")) { try Compression.gunzip(whole.prefix(whole.count - 9)) }
        #expect(throws: CompressionError.self) { try Compression.gunzip(Self.json) }
        var corrupted = whole
        corrupted[corrupted.count - 5] ^= 0xFF
        #expect(throws: CompressionError.self) { try Compression.gunzip(corrupted) }
    }
}
