import ArgumentParser
import Foundation
import GitBenchKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail only on a significant regression or a correctness FAIL; the exit code is the answer.",
        discussion: """
            Two-sided, for hooks and CI gates: FAIL (exit 1) when a benchmark got significantly worse in its direction \
            (the calibrated one-sided p of "got worse" <= alpha = 1 - Phi(threshold); z <= -threshold under \
            gate_compat = "benchstone"; and, with min_effect, the whole 95% interval beyond min_effect on the worse side) or a \
            correctness check fails; PASS (0) otherwise, also when a change merely failed to improve; NEEDS_MORE_DATA (2) \
            without a baseline, a reference or enough runs. The verdict in REV's note is used when there is one (it may \
            come from another machine); otherwise it is computed from this machine's runs at REV.
            With --bisect, NEEDS_MORE_DATA exits 125 (git bisect skips the commit) and errors exit 128 (git bisect stops).
            Example: git bisect run sh -c 'git bench run compress_speed || exit 125; git bench check --bisect compress_speed'
            """)

    @Argument(help: ArgumentHelp(
        "An optional revision (default: HEAD), then benchmarks (default: all). A first word naming a benchmark is a benchmark.",
        valueName: "rev-and-benchmarks"), completion: .benchmarks)
    var words: [String] = []

    @Option(name: .long, help: "The revision to check, when its name could be taken for a benchmark.")
    var rev: String?

    @Flag(name: .long, help: "Ignore stored verdict notes and compute every verdict from the runs.")
    var recompute = false

    @Flag(name: .long, help: "Exit 125 instead of 2 when there is not enough data, and 128 on errors (for git bisect run).")
    var bisect = false

    @Flag(name: .long, help: "When computing, compare runs from any host (default: this host only).")
    var anyHost = false

    @Option(name: .long, help: ArgumentHelp("When computing, compare against this host's baseline (e.g. one archive pull brought in).", valueName: "host"))
    var host: String?

    @Flag(name: .long, help: "When computing, let rows recorded with --allow-dirty count.")
    var includeDirty = false

    @OptionGroup var options: ProjectOptions

    func run() throws {
        do {
            try CLI.perform {
                let harness = try CLI.harness(for: options.output)
                let project = try CLI.project(options, harness: harness)
                let (revision, names) = CLI.revisionAndBenchmarks(words, explicit: rev, manifest: project.manifest)
                let checks = try CLI.suggestingBenchmark(for: revision, explicit: rev, manifest: project.manifest) {
                    try harness.check(
                        revision: revision, benchmarks: names, in: project,
                        options: CheckOptions(usesNotes: !recompute, anyHost: anyHost, includeDirty: includeDirty, baselineHost: host))
                }
                try options.output.print(["checks": checks]) { RegressionCheckList.render(checks) }
                let code = ExitStatus.code(for: checks)
                if code != 0 { throw ExitCode(code) }
            }
        } catch let exit as ExitCode where bisect {
            throw ExitCode(ExitStatus.bisectCode(exit.rawValue))
        }
    }
}
