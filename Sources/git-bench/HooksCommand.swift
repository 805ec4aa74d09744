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
            discussion: "Example: git bench hooks install --json")

        @Flag(name: .long, help: "Install even into a core.hooksPath set in global or system config (affects every repository).")
        var force = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            try CLI.perform {
                let change = try HookSetup.install(from: CLI.currentDirectory, force: force, console: CLI.console)
                try output.print(change) { HooksText.installed(change) }
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove exactly git-bench's block; foreign hooks are left byte-for-byte as they were.",
            discussion: "Example: git bench hooks uninstall")

        @OptionGroup var output: OutputOptions

        func run() throws {
            try CLI.perform {
                let change = try HookSetup.uninstall(from: CLI.currentDirectory)
                try output.print(change) { HooksText.uninstalled(change) }
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
