import Foundation
import Testing

/// The fuzz scripts, with a few cases each, against the built binaries: so CI keeps them working and a regression
/// that crashes or hangs on hostile input fails here. The closing figures come from the same scripts at ≥ 1,000 cases.
@Suite struct FuzzScriptTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `scripts/<name>` and returns its JSON counts, expecting exit 0.
    private func fuzz(_ name: String, _ arguments: [String]) throws -> [String: Int] {
        let script = Self.packageRoot.appendingPathComponent("scripts/\(name)").path
        let result = try runProcess("/usr/bin/env", ["python3", script] + arguments)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let counts = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Int]
        return try #require(counts, "\(name) printed \(result.stdout)")
    }

    private var binaryDirectory: URL { URL(fileURLWithPath: BenchFixture.binary).deletingLastPathComponent() }

    @Test func tomlParserAgreesWithTomllib() throws {
        let counts = try fuzz("fuzz-toml", ["--cases", "2000", "--seed", "5", "--binary", binaryDirectory.appendingPathComponent("git-bench-toml").path])
        #expect(counts["cases"] == 2000)
        #expect(counts["disagree"] == 0 && counts["crash"] == 0 && counts["hang"] == 0)
        #expect((counts["agree_accept"] ?? 0) > 0 && (counts["agree_refuse"] ?? 0) > 0)
    }

    @Test func hostileManifestsAreAcceptedOrRefusedInOneLine() throws {
        let counts = try fuzz("fuzz-manifest", ["--cases", "60", "--seed", "5", "--binary", BenchFixture.binary])
        #expect(counts["cases"] == 60)
        #expect(counts["accepted"]! + counts["clean"]! == 60)
    }

    @Test func hostileResultsBecomeRowsWithReasons() throws {
        let counts = try fuzz("fuzz-result", ["--cases", "150", "--seed", "5", "--batch", "75", "--binary", BenchFixture.binary])
        #expect(counts["cases"] == 150)
        #expect(counts["ok_rows"]! + counts["error_rows"]! == 150)
        #expect(counts["ok_rows"]! > 0 && counts["error_rows"]! > 0)
    }
}
