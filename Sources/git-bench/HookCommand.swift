import ArgumentParser
import Foundation
import GitBenchKit

/// What the installed hook blocks call: `git bench hook <name> "$@"`. One typed case per hook (git-branchless style).
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run git-bench's part of a git hook (called by the installed hooks).",
        discussion: "GIT_BENCH_SKIP=1 makes every hook do nothing. Example: git bench hook post-commit",
        subcommands: [PostCommit.self, PrePush.self])

    struct PostCommit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post-commit",
            abstract: "Queue the post-commit benchmarks touched by the new commit as one background job; returns at once.",
            discussion: """
                The hook only starts a detached git-bench and returns; that process finds the affected benchmarks, \
                queues the job, and records what it did in <home>/logs/hooks.log.
                """)

        @Option(help: .hidden)
        var commit: String?

        @Flag(help: .hidden)
        var detached = false

        // A post-commit hook must never fail the commit: every problem becomes one line and exit 0.
        func run() throws {
            guard !Harness.isHookSkipped() else { return }
            do {
                let given = try commit.flatMap { $0.isEmpty ? nil : try parse($0) }
                if detached, let given {
                    try CLI.harness(showsProgress: false).queuePostCommit(given, from: CLI.currentDirectory)
                } else {
                    try Harness.detachPostCommit(given, from: CLI.currentDirectory)
                }
            } catch {
                CLI.console.announce("post-commit benchmarks not queued: \(error)")
            }
        }

        private func parse(_ text: String) throws -> ObjectID {
            guard let id = ObjectID(hex: text) else { throw ValidationError("--commit must be a full commit id, not '\(text)'") }
            return id
        }
    }

    struct PrePush: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-push",
            abstract: "Block a push whose tip has a regression verdict; reads git's ref lines on stdin.")

        @Argument(help: "The remote's name (from git).")
        var remote: String = ""

        @Argument(help: "The remote's URL (from git).")
        var url: String = ""

        func run() throws {
            guard !Harness.isHookSkipped() else { return }
            let refs = PushedRef.parse(String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self))
            guard !refs.isEmpty else { return }
            try CLI.perform {
                let harness = try CLI.harness(showsProgress: false)
                guard let project = harness.hookProject(for: .prePush, from: CLI.currentDirectory) else { return }
                let decision = try harness.prePush(refs, in: project)
                PrePushMessages.render(decision).forEach { CLI.console.announce($0) }
                if !decision.isAllowed { throw ExitCode(1) }
            }
        }
    }
}
