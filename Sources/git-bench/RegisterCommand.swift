import ArgumentParser
import Foundation
import GitBenchKit

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register the project whose repository holds PATH (reads bench/manifest.toml).",
        discussion: "Example: git bench register ~/src/zstd-lite")

    // No default value: argument-parser would add "(default: .)" to the help, which already says it in words.
    @Argument(help: "A path inside the project's repository (default: the current directory).")
    var path: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            let project = try harness.register(path: URL(fileURLWithPath: path ?? "."))
            project.manifest.warnings.forEach { harness.console.warning($0) }
            let view = RegistrationView(project)
            try output.print(view) { view.text }
        }
    }
}

struct UnregisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unregister",
        abstract: "Forget a registered project; its stored runs stay.",
        discussion: "Example: git bench unregister zstd-lite --json")

    @Argument(help: "The project name.")
    var name: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            // The registration as it was removed (name, path, manifest_hash, registered_at).
            let removed = try CLI.harness(for: output).unregister(name: name)
            try output.print(removed) { RegistrationView.unregistered(removed.name) }
        }
    }
}
