import ArgumentParser
import Foundation
import GitBenchKit

struct ArchiveSelftestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Round-trip a probe through both archive buckets and check that conditional writes are honoured.",
        discussion: """
            A stale If-Match and a second If-None-Match: * create must both get 412; a store that accepts them cannot be \
            trusted with concurrent writers, and archives then write entry objects only. Exit 0, or 69 naming what failed.
            Example: GIT_BENCH_S3_ENDPOINT=http://127.0.0.1:5000 git bench archive selftest
            """)

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let results = harness.archiveSelftest(configuration)
            try output.print(ArchiveSelftestReport(results)) { ArchiveText.render(selftest: results) }
            if let failed = results.flatMap({ result in result.outcome.checks.filter { !$0.passed }.map { "\(result.store): \($0.name): \($0.detail)" } }).first {
                throw CLI.failure("archive selftest failed: \(failed)", exitCode: ExitStatus.unavailable)
            }
        }
    }
}
