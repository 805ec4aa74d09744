import Foundation
import Testing

/// Help is the manual: every command's full `--help` is pinned against `Fixtures/help/<command path>.txt`
/// (`git-bench.txt`, `git-bench-run.txt`, `git-bench-baseline-establish.txt`, …). The command tree comes from the
/// built binary itself (`--experimental-dump-help`, argument-parser's ToolInfo JSON), hidden commands and
/// argument-parser's own `help` included, so a new command without a golden file fails, and so does a stale file.
///
/// Help is rendered with `COLUMNS=80` (argument-parser wraps at `$COLUMNS`, else the terminal's width, else 80), so the
/// goldens do not depend on the caller's terminal.
///
/// To regenerate the goldens after a deliberate change to help text, build, then run by hand:
///
///     swift build --build-tests
///     GIT_BENCH_UPDATE_GOLDEN=1 GIT_BENCH_TEST_BINARY=$PWD/.build/debug/git-bench \
///         swift test --skip-build --disable-xctest --filter HelpGoldenTests
///
/// That rewrites every golden file, deletes stale ones and then fails on purpose, so it can never pass unnoticed
/// (on CI, say). Review `git diff Tests/GitBenchKitTests/Fixtures/help`, then rerun without the variable.
@Suite struct HelpGoldenTests {
    static let isUpdating = ProcessInfo.processInfo.environment["GIT_BENCH_UPDATE_GOLDEN"] == "1"

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/help", isDirectory: true)

    /// The environment help is rendered in: this process's, with the width pinned.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        environment["LINES"] = "25"
        return environment
    }

    /// One node of argument-parser's ToolInfo (serialization version 0): only what the walk needs.
    struct CommandInfo: Decodable {
        var commandName: String
        var shouldDisplay: Bool?
        var subcommands: [CommandInfo]?
    }

    struct ToolInfo: Decodable {
        var serializationVersion: Int
        var command: CommandInfo
    }

    /// The binary's own command tree.
    static func commandTree() throws -> CommandInfo {
        let dump = try runProcess(BenchFixture.binary, ["--experimental-dump-help"], environment: environment)
        guard dump.status == 0 else { throw TestRepoError.setup("--experimental-dump-help exited \(dump.status): \(dump.stderr)") }
        return try JSONDecoder().decode(ToolInfo.self, from: Data(dump.stdout.utf8)).command
    }

    /// Every command path below the root (the root itself is []), depth first, in declaration order.
    static func commandPaths(_ node: CommandInfo, prefix: [String] = []) -> [[String]] {
        [prefix] + (node.subcommands ?? []).flatMap { commandPaths($0, prefix: prefix + [$0.commandName]) }
    }

    /// `git-bench.txt` for the root, `git-bench-notes-show.txt` for `git-bench notes show`.
    static func goldenName(_ path: [String]) -> String {
        (["git-bench"] + path).joined(separator: "-") + ".txt"
    }

    static func goldenFileNames() throws -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenDirectory.path)) ?? []
        return Set(names.filter { $0.hasSuffix(".txt") })
    }

    @Test func everyCommandsHelpMatchesItsGoldenFile() throws {
        let paths = Self.commandPaths(try Self.commandTree())
        // Guards the walk itself: the tree has nested commands, and no two paths share a golden file.
        #expect(paths.contains(["baseline", "establish"]))
        #expect(Set(paths.map(Self.goldenName)).count == paths.count)
        for path in paths {
            let result = try runProcess(BenchFixture.binary, path + ["--help"], environment: Self.environment)
            let command = (["git-bench"] + path).joined(separator: " ")
            #expect(result.status == 0, "\(command) --help exited \(result.status): \(result.stderr)")
            #expect(result.stderr == "", "\(command) --help wrote to stderr")
            #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(command) --help")
            let golden = Self.goldenDirectory.appendingPathComponent(Self.goldenName(path))
            if Self.isUpdating {
                try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
                try Data(result.stdout.utf8).write(to: golden)
                continue
            }
            guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
                Issue.record("\(command) has no golden help file \(golden.lastPathComponent); see HelpGoldenTests to regenerate")
                continue
            }
            #expect(result.stdout == expected, "\(command) --help differs from \(golden.lastPathComponent)")
        }
        if Self.isUpdating {
            let current = Set(paths.map(Self.goldenName))
            for stale in try Self.goldenFileNames().subtracting(current) {
                try FileManager.default.removeItem(at: Self.goldenDirectory.appendingPathComponent(stale))
            }
            Issue.record("GIT_BENCH_UPDATE_GOLDEN=1: rewrote \(paths.count) golden help files; review the diff and rerun without it")
        }
    }

    @Test(.disabled(if: isUpdating, "the goldens are being rewritten"))
    func theGoldenFilesAreExactlyTheCommandTree() throws {
        let expected = Set(Self.commandPaths(try Self.commandTree()).map(Self.goldenName))
        let present = try Self.goldenFileNames()
        #expect(expected.subtracting(present).sorted() == [], "commands without a golden help file")
        #expect(present.subtracting(expected).sorted() == [], "golden help files for commands that no longer exist")
    }

    @Test func theDumpedTreeListsEveryCommandThatHelpShows() throws {
        // Cross-checks the dump against help itself: each command's SUBCOMMANDS section names exactly its displayed children.
        var nodes: [([String], CommandInfo)] = [([], try Self.commandTree())]
        while let (path, node) = nodes.popLast() {
            let children = node.subcommands ?? []
            nodes += children.map { (path + [$0.commandName], $0) }
            guard !children.isEmpty else { continue }
            let help = try runProcess(BenchFixture.binary, path + ["--help"], environment: Self.environment).stdout
            let section = help.components(separatedBy: "\nSUBCOMMANDS:\n").dropFirst().first ?? ""
            // Entries are indented two spaces; wrapped abstracts are indented further; the last line is the "See '…'" hint.
            let listed = section.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.hasPrefix("  See '"),
                      let name = line.dropFirst(2).split(separator: " ").first else { return nil }
                return String(name)
            }
            let displayed = children.filter { ($0.shouldDisplay ?? true) && $0.commandName != "help" }.map(\.commandName)
            #expect(listed == displayed, "\((["git-bench"] + path).joined(separator: " "))")
        }
    }
}
