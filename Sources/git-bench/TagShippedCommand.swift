import ArgumentParser
import Foundation
import GitBenchKit

/// `--force`, `--dry-run`, `--allow-dirty` and `--gate` of `tag-shipped` and `release-mark`.
struct ReleaseFlags: ParsableArguments {
    @Flag(name: .long, help: "Replace an existing tag (refreshing its message), replace an existing BENCH_PARITY.yaml row, or override the release gate.")
    var force = false

    @Flag(name: .long, help: "Print what would be written and where; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Tag even with uncommitted changes (the tag message says so).")
    var allowDirty = false

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Also gate on this benchmark's verdict note (repeatable; pre-push benchmarks always are).", valueName: "benchmark"))
    var gate: [String] = []

    func options(in directory: URL) throws -> ReleaseOptions {
        ReleaseOptions(force: force, dryRun: dryRun, allowDirty: allowDirty, gate: gate, missingBlocks: try BenchConfig.load(from: directory).releaseMissingBlocks())
    }
}

struct TagShippedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag-shipped",
        abstract: "Write the annotated tag bench/<label> closing a cycle: its shipped runs, their mean scores, badges and releases.",
        discussion: """
            The tag points at the commit the labelled runs were measured at when they agree, else at --commit (default HEAD). \
            It refuses (77) an existing tag without --force, a dirty tree without --allow-dirty, and a commit whose pre-push \
            benchmark (or --gate B) has a regression verdict note, unless --force (the message then says what was overridden). \
            A missing note warns, or refuses with git config bench.release.missing block.
            Example: git bench tag-shipped m19 && git push origin bench/m19
            """)

    @Argument(help: "The ship label (as given to mark-shipped).")
    var label: String

    @Option(name: .long, help: ArgumentHelp("The commit to tag when the labelled runs do not name one commit (default HEAD).", valueName: "rev"))
    var commit: String?

    @OptionGroup var flags: ReleaseFlags
    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let outcome = try harness.tagShipped(label, commit: commit, options: try flags.options(in: CLI.currentDirectory), in: project)
            outcome.warnings.forEach { harness.console.warning($0) }
            if outcome.usesFallbackTagger { harness.console.warning("user.name/user.email are not set; the tag was signed git-bench <git-bench@localhost>") }
            try options.output.print(outcome) { ReleaseText.render(outcome) }
        }
    }
}

struct ReleaseMarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release-mark",
        abstract: "Record a release in BENCH_PARITY.yaml: one row per package with the cycle's frozen scores; --tag also commits it and tags v<X.Y.Z>.",
        discussion: """
            Refuses unless the annotated tag bench/<cycle> exists. Packages come from --package or the manifest's [release] \
            packages (lockstep: same version and cycle). An existing (package, version) row needs --force. With --tag the \
            file is committed on its own and v<X.Y.Z> is written on that commit, gated like tag-shipped.
            Example: git bench release-mark --version 0.14.0 --cycle m19 --tag
            """)

    @Option(name: .long, help: ArgumentHelp("The released version, semver X.Y.Z[-pre][+build].", valueName: "X.Y.Z"))
    var version: String

    @Option(name: .long, help: ArgumentHelp("The ship label of the cycle this release embeds.", valueName: "label"))
    var cycle: String

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A package released at this version (repeatable; default: [release] packages).", valueName: "package"))
    var package: [String] = []

    @Flag(name: .long, help: "Commit BENCH_PARITY.yaml on its own and write the annotated tag v<X.Y.Z> on that commit.")
    var tag = false

    @Option(name: .long, help: ArgumentHelp("The commit whose verdict notes gate the release (default HEAD).", valueName: "rev"))
    var commit: String?

    @OptionGroup var flags: ReleaseFlags
    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let outcome = try harness.releaseMark(version: version, cycle: cycle, packages: package, tag: tag, commit: commit,
                                                  options: try flags.options(in: CLI.currentDirectory), in: project)
            outcome.warnings.forEach { harness.console.warning($0) }
            try options.output.print(outcome) { ReleaseText.render(outcome) }
        }
    }
}
