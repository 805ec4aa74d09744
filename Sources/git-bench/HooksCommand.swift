import ArgumentParser
import Foundation
import GitBenchKit

struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install, remove or inspect git-bench's post-commit and pre-push hooks.",
        discussion: """
            git-bench adds a marked block (# >>> git-bench >>> … # <<< git-bench <<<) to each hook and never touches
            the rest of the file, so it lives beside git-lfs, husky or your own hooks. core.hooksPath is honoured.
            Example: git bench hooks install && git bench hooks status
            """,
        subcommands: [Install.self, Uninstall.self, Status.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add git-bench's block to post-commit and pre-push (idempotent).",
            discussion: "Example: git bench hooks install")

        @Flag(name: .long, help: "Install even into a core.hooksPath set in global or system config (affects every repository).")
        var force = false

        func run() throws {
            try CLI.perform {
                let change = try HookSetup.install(from: CLI.currentDirectory, force: force, console: CLI.console)
                print(HooksText.installed(change), terminator: "")
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove exactly git-bench's block; foreign hooks are left byte-for-byte as they were.",
            discussion: "Example: git bench hooks uninstall")

        func run() throws {
            try CLI.perform {
                print(HooksText.uninstalled(try HookSetup.uninstall(from: CLI.currentDirectory)), terminator: "")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, per hook, whether git-bench's block is installed, outdated, absent, or the file is foreign.",
            discussion: "Example: git bench hooks status --json")

        @OptionGroup var output: OutputOptions

        func run() throws {
            try CLI.perform {
                let status = try HookSetup.status(from: CLI.currentDirectory)
                try output.print(status) { HooksText.status(status) }
            }
        }
    }
}

/// What the `hooks` commands print for people. These renderers belong in Report/ with the others, but the layer
/// table (scripts/layers.txt) does not let Report/ read Hooks/'s values (`HookChange`, `HooksStatus`), so they wait here.
private enum HooksText {
    static func installed(_ change: HookChange) -> String {
        let hooks = change.changed.map(\.rawValue).joined(separator: ", ")
        return change.changed.isEmpty ? "hooks already installed in \(change.directory.url.path)\n"
                                      : "installed \(hooks) in \(change.directory.url.path)\n"
    }

    static func uninstalled(_ change: HookChange) -> String {
        let hooks = change.changed.map(\.rawValue).joined(separator: ", ")
        return change.changed.isEmpty ? "no git-bench hooks in \(change.directory.url.path)\n"
                                      : "removed git-bench from \(hooks) in \(change.directory.url.path)\n"
    }

    static func status(_ status: HooksStatus) -> String {
        let directory = status.directory
        let origin = directory.isConfigured ? " (core.hooksPath\(directory.isShared ? ", global" : ""))" : ""
        return "hooks directory: \(directory.url.path)\(origin)\n" + status.hooks.map { state in
            "  \(state.hook.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(state.status.rawValue)"
                + "\(state.hasForeignContent ? " (beside another hook)" : "")\n"
        }.joined()
    }
}
