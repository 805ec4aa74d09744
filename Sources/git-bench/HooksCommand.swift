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

    static func installer() throws -> (HookInstaller, HooksDirectory) {
        let directory = try HookSetup.hooksDirectory(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return (HookInstaller(directory: directory), directory)
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add git-bench's block to post-commit and pre-push (idempotent).",
            discussion: "Example: git bench hooks install")

        @Flag(name: .long, help: "Install even into a core.hooksPath set in global or system config (affects every repository).")
        var force = false

        func run() throws {
            try CLI.perform {
                let (installer, directory) = try HooksCommand.installer()
                if directory.isShared {
                    guard force else {
                        throw HarnessError.policy("core.hooksPath (\(directory.url.path)) comes from global or system config: installing there changes every repository's hooks; pass --force to do it anyway")
                    }
                    CLI.console.warning("core.hooksPath is global: every repository using \(directory.url.path) gets these hooks")
                }
                let changed = try installer.install()
                print(changed.isEmpty ? "hooks already installed in \(directory.url.path)"
                                      : "installed \(changed.map(\.rawValue).joined(separator: ", ")) in \(directory.url.path)")
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove exactly git-bench's block; foreign hooks are left byte-for-byte as they were.",
            discussion: "Example: git bench hooks uninstall")

        func run() throws {
            try CLI.perform {
                let (installer, directory) = try HooksCommand.installer()
                let changed = try installer.uninstall()
                print(changed.isEmpty ? "no git-bench hooks in \(directory.url.path)"
                                      : "removed git-bench from \(changed.map(\.rawValue).joined(separator: ", ")) in \(directory.url.path)")
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
                let (installer, directory) = try HooksCommand.installer()
                let states = try installer.status()
                if output.json {
                    return try CLI.printJSON(HooksStatusView(directory: directory.url.path, configured: directory.isConfigured,
                                                             shared: directory.isShared, hooks: states))
                }
                print("hooks directory: \(directory.url.path)\(directory.isConfigured ? " (core.hooksPath\(directory.isShared ? ", global" : ""))" : "")")
                for state in states {
                    print("  \(state.hook.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(state.status.rawValue)\(state.hasForeignContent ? " (beside another hook)" : "")")
                }
            }
        }
    }
}

private struct HooksStatusView: Encodable {
    var directory: String
    var configured: Bool
    var shared: Bool
    var hooks: [HookState]
}
