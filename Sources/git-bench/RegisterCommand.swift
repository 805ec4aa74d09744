import ArgumentParser
import Foundation
import GitBenchKit

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register the project whose repository holds PATH (reads bench/manifest.toml).",
        discussion: "Example: git bench register ~/src/arborist")

    @Argument(help: "A path inside the project's repository (default: the current directory).")
    var path: String = "."

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            let project = try harness.register(path: URL(fileURLWithPath: path))
            project.manifest.warnings.forEach { harness.console.warning($0) }
            if output.json {
                try CLI.printJSON(RegistrationView(name: project.name, path: project.root.path, manifestHash: project.manifest.contentHash,
                                                   benchmarks: project.manifest.benchmarks.map(\.name)))
            } else {
                print("registered \(project.name)  \(project.root.path)")
                print("  manifest: \(project.manifest.contentHash)")
                print("  benchmarks: \(project.manifest.benchmarks.map(\.name).joined(separator: ", "))")
            }
        }
    }
}

private struct RegistrationView: Encodable {
    var name: String
    var path: String
    var manifestHash: String
    var benchmarks: [String]
    enum CodingKeys: String, CodingKey {
        case name, path, benchmarks
        case manifestHash = "manifest_hash"
    }
}

struct UnregisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unregister",
        abstract: "Forget a registered project; its stored runs stay.",
        discussion: "Example: git bench unregister FakeProject")

    @Argument(help: "The project name.")
    var name: String

    func run() throws {
        try CLI.perform {
            try CLI.harness(showsProgress: true).unregister(name: name)
            print("unregistered \(name) (its runs stay in the store)")
        }
    }
}
