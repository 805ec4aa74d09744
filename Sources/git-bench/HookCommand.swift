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

    /// The registered project around the cwd, or nil: a hook in an unregistered repository stays silent, and one
    /// whose project cannot be loaded (a broken manifest, say) says so in one line and lets git go on.
    static func project(_ harness: Harness, hook: GitHook) -> ProjectContext? {
        do {
            return try harness.project(named: nil, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        } catch HarnessError.notRegistered {
            return nil
        } catch {
            say("warning: \(hook.rawValue) checks skipped: \(error)")
            return nil
        }
    }

    static var isSkipped: Bool { ProcessInfo.processInfo.environment["GIT_BENCH_SKIP"].map { !$0.isEmpty && $0 != "0" } ?? false }

    static func say(_ line: String) { CLI.console.announce(line) }

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
            guard !HookCommand.isSkipped else { return }
            do {
                let given = try commit.flatMap { $0.isEmpty ? nil : try parse($0) }
                if detached, let given {
                    try queue(given)
                } else {
                    try Harness.detachPostCommit(given, from: Self.currentDirectory)
                }
            } catch {
                HookCommand.say("post-commit benchmarks not queued: \(error)")
            }
        }

        private static var currentDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }

        private func parse(_ text: String) throws -> ObjectID {
            guard let id = ObjectID(hex: text) else { throw ValidationError("--commit must be a full commit id, not '\(text)'") }
            return id
        }

        /// The detached half: its output goes nowhere, so the outcome goes to the hooks log.
        private func queue(_ head: ObjectID) throws {
            let harness = try CLI.harness(showsProgress: false)
            do {
                let project = try harness.project(named: nil, from: Self.currentDirectory)
                let job = try harness.postCommit(in: project, commit: head)
                try harness.logHookOutcome(.postCommit, commit: head, job.map {
                    "queued job \($0.id) (\($0.benchmarks.joined(separator: ", ")))"
                } ?? "no post-commit benchmark is affected; nothing queued")
            } catch HarnessError.notRegistered {
                return  // hooks installed in a repository git-bench does not measure stay silent
            } catch {
                try harness.logHookOutcome(.postCommit, commit: head, "not queued: \(error)")
            }
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
            guard !HookCommand.isSkipped else { return }
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let refs = PushedRef.parse(input)
            guard !refs.isEmpty else { return }
            try CLI.perform {
                let harness = try CLI.harness(showsProgress: false)
                guard let project = HookCommand.project(harness, hook: .prePush) else { return }
                let policy = try BenchConfig.load(from: project.root).prePushMissing()
                let decision = try harness.prePush(refs, in: project, missing: policy)
                for regression in decision.regressions {
                    HookCommand.say("push blocked: \(regression.project)/\(regression.benchmark) at \(regression.commit.short): \(regression.verdict.kind.rawValue) — \(regression.reason)")
                }
                if !decision.missing.isEmpty {
                    let verb = decision.blocksOnMissing ? "push blocked" : "warning"
                    HookCommand.say("\(verb): no verdict for \(decision.missing.joined(separator: ", ")) (bench.prePush.missing = \(policy.rawValue))")
                }
                guard decision.isAllowed else {
                    HookCommand.say("to push anyway: git push --no-verify, or GIT_BENCH_SKIP=1 git push")
                    throw ExitCode(1)
                }
            }
        }
    }
}
