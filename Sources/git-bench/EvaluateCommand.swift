import ArgumentParser
import Foundation
import GitBenchKit

extension Verdict.Kind: ExpressibleByArgument {
    /// A verdict name in any case (`--expect promote`): a script should not fail on a shell habit.
    public init?(argument: String) {
        guard let kind = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(argument) == .orderedSame }) else { return nil }
        self = kind
    }
}

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Judge the latest candidate group at HEAD against the baseline; the exit code is the verdict.",
        discussion: """
            Exit codes: 0 PROMOTE/PASS, 1 REJECT/FAIL, 2 NEEDS_MORE_DATA/NO_BASELINE/NO_REFERENCE, 5 STALE (the working tree no longer matches the runs; --allow-dirty judges anyway); with --expect, 0 on match and 4 on mismatch.
            Each verdict is also written, one line per benchmark, to HEAD's note under refs/notes/bench (see `git bench notes`).
            Example: git bench evaluate compress_speed --expect PROMOTE
            """)

    @Argument(help: "Benchmarks to judge (default: all).", completion: .benchmarks)
    var benchmarks: [String] = []

    @Flag(name: .long, help: "Judge every benchmark and adjust across them with Benjamini–Hochberg.")
    var adjust = false

    /// `--adjust`'s old name, kept working: `status --all` means every project, so `--all` here read as something else.
    @Flag(name: .customLong("all"), help: .hidden)
    var deprecatedAll = false

    @Option(name: .long, help: "Exit 0 if every verdict is this kind, 4 otherwise.")
    var expect: Verdict.Kind?

    @Flag(name: .long, help: "Compare runs from any host (default: this host only).")
    var anyHost = false

    @Option(name: .long, help: ArgumentHelp("Compare against this host's baseline (e.g. one archive pull brought in); the candidate is this machine's group, else that host's.", valueName: "host"))
    var host: String?

    @Flag(name: .long, help: "Let rows recorded with --allow-dirty count.")
    var includeDirty = false

    @Option(name: .long, help: "Judge this run set as the candidate, even if it is incomplete (default: the newest complete group at HEAD).")
    var runSet: String?

    @Flag(name: .long, help: "Judge even when the working tree no longer matches the runs (dirty tree, drifted corpus, changed tracked_paths) instead of saying STALE.")
    var allowDirty = false

    @Flag(name: .customLong("no-note"), help: "Do not write the verdicts to HEAD's note (refs/notes/bench, or git config bench.notesRef).")
    var noNote = false

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if adjust && !benchmarks.isEmpty { throw ValidationError("'--adjust' and benchmark names are mutually exclusive") }
        if deprecatedAll && !benchmarks.isEmpty { throw ValidationError("'--all' and benchmark names are mutually exclusive") }
    }

    func run() throws {
        try CLI.perform {
            if deprecatedAll { CLI.console.warning("'evaluate --all' is now '--adjust' (Benjamini–Hochberg across the suite); '--all' will go away") }
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let evaluation = EvaluateOptions(anyHost: anyHost, includeDirty: includeDirty, runSet: runSet.map { RunSetID(value: $0) },
                                             adjustAcrossSuite: adjust || deprecatedAll, allowsStaleTree: allowDirty, baselineHost: host)
            let outcome = try harness.evaluateAndRecord(benchmarks, in: project, options: evaluation, recordsNote: !noNote)
            let verdicts = outcome.verdicts
            try options.output.print(["verdicts": verdicts]) { VerdictBlock.render(verdicts) }
            // The verdict is the answer; a note that cannot be written is reported, never allowed to change the exit code.
            if let warning = outcome.note.warning { harness.console.warning(warning) }
            let code = ExitStatus.code(for: verdicts, expecting: expect)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
