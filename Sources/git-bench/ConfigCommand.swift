import ArgumentParser
import Foundation
import GitBenchKit

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show git-bench's git config keys: the effective value of each and where it came from.",
        discussion: """
            Keys: bench.home (GIT_BENCH_HOME wins), bench.notesRef, bench.prePush.missing (warn, run or block), \
            bench.archive.url (file://DIR or s3://BUCKET), bench.archive.publicUrl, bench.archive.publicWebUrl, bench.archive.endpoint, \
            bench.archive.region, bench.archive.stage, bench.allowDirty. Origins: system, xdg, global, local, worktree, command (git -c), \
            environment, default. Exits 78 when a value is invalid.
            Example: git config bench.prePush.missing block && git bench config
            """)

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let settings = try CLI.config().settings
            try output.print(["settings": settings]) { ConfigTable.render(settings) }
            let problems = settings.compactMap(\.problem)
            guard problems.isEmpty else {
                problems.forEach { CLI.console.error($0) }
                throw ExitCode(ExitStatus.configuration)
            }
        }
    }
}
