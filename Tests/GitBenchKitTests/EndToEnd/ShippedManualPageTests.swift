import Foundation
import Testing

/// `man/git-bench.1` is the page the built binary writes (`--generate-manpage`), and it renders without a warning.
///
/// After a deliberate change to help text, rewrite it with the help goldens (see HelpGoldenTests):
///
///     GIT_BENCH_UPDATE_GOLDEN=1 GIT_BENCH_TEST_BINARY=$PWD/.build/debug/git-bench \
///         swift test --skip-build --disable-xctest --filter 'HelpGoldenTests|ShippedManualPageTests'
@Suite struct ShippedManualPageTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("man/git-bench.1")

    static func generated() throws -> String {
        let result = try runProcess(BenchFixture.binary, ["--generate-manpage"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        return result.stdout
    }

    @Test func theShippedManualPageIsTheOneTheBinaryWrites() throws {
        let page = try Self.generated()
        if HelpGoldenTests.isUpdating {
            try Data(page.utf8).write(to: Self.shipped)
            Issue.record("GIT_BENCH_UPDATE_GOLDEN=1: rewrote man/git-bench.1; review the diff and rerun without it")
            return
        }
        let shipped = try String(contentsOf: Self.shipped, encoding: .utf8)
        #expect(shipped == page, "man/git-bench.1 is out of date; see ShippedManualPageTests to regenerate it")
    }

    @Test func thePageSaysEachThingOnceAndTheRealExitCodes() throws {
        let page = try Self.generated()
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.contains(""), "a blank line is not mdoc (groff: \"Empty input line\")")
        #expect(lines.filter { $0 == ".It Fl -version" }.count == 1)
        #expect(lines.filter { $0 == ".It Fl h , Fl -help" }.count == 1)
        #expect(!page.contains("job-worker"))
        #expect(!page.contains("generate-manpage\n"))
        #expect(!page.contains("fake_") && !page.contains("FakeProject"))
        let exitStatus = page.components(separatedBy: ".Sh EXIT STATUS\n").last ?? ""
        for code in ["0", "1", "2", "3", "4", "5", "64", "65", "66", "69", "70", "73", "74", "75", "77", "78"] {
            #expect(exitStatus.contains("\n.It \(code)\n") || exitStatus.hasPrefix(".Bl -tag -width 6n\n.It \(code)\n"), "exit \(code)")
        }
        #expect(!exitStatus.contains("an error occurs"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "groff is not installed"))
    func thePageRendersWithoutAWarning() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-man-\(UUID().uuidString).1")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(try Self.generated().utf8).write(to: scratch)
        // -ww: every warning; -z: no output, only the diagnostics (what `man` shows as "mdoc warning: …").
        let lint = try runProcess("/usr/bin/groff", ["-mdoc", "-Tutf8", "-ww", "-z", scratch.path])
        #expect(lint.status == 0)
        #expect(lint.stderr == "")
        // Plain ASCII without bold or underline (-P-cbou), so the text can be searched.
        let rendered = try runProcess("/usr/bin/groff", ["-mdoc", "-Tutf8", "-P-cbou", scratch.path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(rendered.stdout.contains("\nEXIT STATUS\n     0       PROMOTE or PASS.\n"))
        #expect(rendered.stderr == "")
    }
}
