import Foundation

extension Harness {
    /// The ship labels of `project`'s repository and this harness's run sets.
    public func shipLabels(in project: ProjectContext) -> ShipLabels {
        ShipLabels(store: store, home: home, repository: project.root)
    }

    /// `mark-shipped TARGET --label L`: labels a run set or canonical project directories (see `ShipLabels`).
    @discardableResult
    public func markShipped(_ target: String, label: String, rationale: String?, force: Bool, allowUnarchived: Bool, in project: ProjectContext,
                            currentDirectory: URL) throws -> [String] {
        let labels = shipLabels(in: project)
        let resolved = try labels.resolve(target, currentDirectory: currentDirectory)
        return try labels.mark(resolved, label: label, rationale: rationale, force: force, allowUnarchived: allowUnarchived)
    }

    /// `unmark-shipped TARGET`.
    @discardableResult
    public func unmarkShipped(_ target: String, in project: ProjectContext, currentDirectory: URL) throws -> [String] {
        let labels = shipLabels(in: project)
        return try labels.unmark(try labels.resolve(target, currentDirectory: currentDirectory))
    }
}

extension Harness {
    /// `tag-shipped L`: the annotated tag `bench/L` on the commit the labelled runs were measured at (when they agree;
    /// else `commit`, default HEAD), with the cycle's scores, runs, badges and releases in its message.
    public func tagShipped(_ label: String, commit revision: String?, options: ReleaseOptions, in project: ProjectContext) throws -> CycleTagOutcome {
        do { try ShipLabel.validate(label: label) } catch { throw ShipLabelError.invalidLabel(label) }
        let repository = try Repository.open(at: project.root)
        let runs = try shippedRuns(label, in: project)
        var warnings: [String] = []
        let dirty = try repository.isDirty()
        if dirty && !options.allowDirty { throw ReleaseError.dirtyTree(command: "tag-shipped") }
        let target = try cycleCommit(of: runs, repository: repository, fallback: revision)
        let overrides = try releaseGate(at: target, command: "tag-shipped", options: options, in: project, warnings: &warnings)
        let name = "bench/\(label)"
        if let existing = try repository.annotatedTag(named: name), !options.force {
            throw ReleaseError.tagExists(name: name, commit: existing.target.hex)
        }
        let parity = try BenchParity.read(from: project.root.appendingPathComponent(BenchParity.fileName))
        let releasedAs = parity.releases.filter { $0.benchCycle == label }
            .map { CycleTagMessage.Released(package: $0.package, version: $0.version, releasedAt: $0.releasedAt) }
        let configuration = try? archiveConfiguration(from: project.root)
        let scores = BenchScore.scores(of: runs)
        let message = CycleTagMessage.cycle(
            label: label, rationale: runs.sorted { $0.markedAt < $1.markedAt }.compactMap(\.rationale).first, scores: scores,
            runNames: Array(Set(runs.map(\.name))).sorted(), badgeURLs: scores.compactMap { configuration?.badgeURL(bench: $0.bench) }, releasedAs: releasedAs,
            dirtyTree: dirty, overrides: overrides)
        let tagger = try repository.tagger()
        var outcome = CycleTagOutcome(tag: name, commit: target.hex, message: message, written: false, usesFallbackTagger: tagger.usesFallback,
                                      warnings: warnings, pushCommand: "git push origin \(name)")
        guard !options.dryRun else { return outcome }
        try repository.createAnnotatedTag(name: name, target: target, message: message, force: options.force)
        outcome.written = true
        return outcome
    }

    /// `release-mark --version X.Y.Z --cycle L`: one BENCH_PARITY.yaml row per package with the cycle's frozen scores;
    /// with `tag`, the file is committed on its own and `v<X.Y.Z>` is tagged on that commit.
    public func releaseMark(version: String, cycle: String, packages requested: [String], tag: Bool, commit revision: String?,
                            options: ReleaseOptions, in project: ProjectContext) throws -> ReleaseMarkOutcome {
        try BenchParity.validateVersion(version)
        do { try ShipLabel.validate(label: cycle) } catch { throw ShipLabelError.invalidLabel(cycle) }
        let packages = requested.isEmpty ? (project.manifest.release?.packages ?? []) : requested
        guard !packages.isEmpty else { throw ReleaseError.noPackages }
        for package in packages { try BenchParity.validatePackage(package) }
        let repository = try Repository.open(at: project.root)
        guard let cycleTag = try repository.annotatedTag(named: "bench/\(cycle)") else { throw ReleaseError.noCycleTag(cycle: cycle) }
        let runs = try shippedRuns(cycle, in: project)
        var warnings: [String] = []
        let dirty = try repository.isDirty()
        if tag && dirty && !options.allowDirty { throw ReleaseError.dirtyTree(command: "release-mark --tag") }
        let head = try revision.map { try repository.resolveCommit($0) } ?? repository.headCommit()
        let overrides = tag ? try releaseGate(at: head, command: "release-mark --tag", options: options, in: project, warnings: &warnings) : []

        var scores: [String: BenchParity.Score] = [:]
        for (bench, benchRuns) in Dictionary(grouping: runs, by: \.bench) {
            scores[bench] = BenchParity.Score.combining(benchRuns.compactMap { run in run.overall.map { ($0, run.n) } })
        }
        let releasedAt = String(DayManifestUpdater.timestamp(Date()).prefix(10))
        let rows = packages.map {
            BenchParity.Release(package: $0, version: version, benchCycle: cycle, benchTag: "bench/\(cycle)", benchCommit: cycleTag.target.hex,
                                releasedAt: releasedAt, scores: scores)
        }
        let file = project.root.appendingPathComponent(BenchParity.fileName)
        let existingText = try? String(contentsOf: file, encoding: .utf8)
        let updated = try BenchParity.read(from: file).appending(rows, replacing: options.force)
        let text = try updated.yaml(header: existingText.map(BenchParity.header(of:)) ?? BenchParity.defaultHeader)
        var outcome = ReleaseMarkOutcome(version: version, packages: packages.sorted(), parityFile: file.path, parity: text, parityCommit: nil, tag: nil,
                                         written: false, warnings: warnings)
        let lockstep = updated.releases.filter { $0.version == version && $0.benchCycle == cycle }.map(\.package)
        let tagName = "v\(version)"
        let releaseMessage = CycleTagMessage.release(version: version, cycle: cycle, cycleCommit: cycleTag.target.hex, packages: lockstep,
                                                     scores: BenchScore.scores(of: runs), dirtyTree: tag && dirty, overrides: overrides)
        if tag {
            outcome.tag = CycleTagOutcome(tag: tagName, commit: "", message: releaseMessage, written: false,
                                          usesFallbackTagger: try repository.tagger().usesFallback, warnings: [],
                                          pushCommand: "git push origin HEAD \(tagName)")
        }
        guard !options.dryRun else { return outcome }
        guard tag else {
            try updated.write(to: file, keepingHeaderOf: existingText)
            outcome.written = true
            return outcome
        }
        let existingTag = try repository.annotatedTag(named: tagName)
        let parityCommit = try repository.commitFile(path: BenchParity.fileName, contents: Data(text.utf8),
                                                     message: "Bench parity: \(packages.sorted().joined(separator: ", ")) v\(version) (cycle \(cycle))")
        outcome.parityCommit = parityCommit.hex
        outcome.written = true
        // Another lockstep package at the same version refreshes the message where the tag is; moving it needs --force.
        let target = existingTag.map { options.force ? parityCommit : $0.target } ?? parityCommit
        if let existingTag, existingTag.target != parityCommit, !options.force {
            outcome.warnings.append("\(tagName) stays at \(existingTag.target.hex.prefix(12)) with a refreshed message; "
                                    + "the new parity row is in \(parityCommit.hex.prefix(12)) (--force moves the tag there)")
        }
        try repository.createAnnotatedTag(name: tagName, target: target, message: releaseMessage, force: existingTag != nil)
        outcome.tag?.commit = target.hex
        outcome.tag?.written = true
        return outcome
    }

    /// Every run labelled `label` in this project; none is an error.
    func shippedRuns(_ label: String, in project: ProjectContext) throws -> [ShippedRun] {
        var units: [String: String] = [:]
        var directions: [String: String] = [:]
        for benchmark in project.manifest.benchmarks {
            units[benchmark.name] = benchmark.unit
            directions[benchmark.name] = benchmark.metricDirection?.rawValue
        }
        let runs = try shipLabels(in: project).shippedRuns(label: label, units: units, directions: directions)
        guard !runs.isEmpty else { throw ReleaseError.noShippedRuns(label: label) }
        return runs
    }

    /// The commit every labelled run was measured at, when they all say and agree; else `fallback` (default HEAD).
    func cycleCommit(of runs: [ShippedRun], repository: Repository, fallback: String?) throws -> ObjectID {
        let commits = runs.map { run in run.commit.flatMap { try? repository.resolveCommit($0) } }
        if let first = commits.first, let agreed = first, commits.allSatisfy({ $0 == agreed }), fallback == nil { return agreed }
        return try fallback.map { try repository.resolveCommit($0) } ?? repository.headCommit()
    }

    /// The release gate: a benchmark with `hooks = ["pre-push"]` (or named in `options.gate`) whose verdict note on
    /// `commit` is a regression or FAIL refuses the tag unless `options.force`, which returns the override lines for the
    /// message instead. A missing note warns (into `warnings`) or, with `options.missingBlocks`, refuses.
    func releaseGate(at commit: ObjectID, command: String, options: ReleaseOptions, in project: ProjectContext,
                     warnings: inout [String]) throws -> [String] {
        let gated = project.manifest.benchmarks.filter { $0.hooks.contains(.prePush) || options.gate.contains($0.name) }.map(\.name)
        for name in options.gate where project.manifest.benchmark(named: name) == nil { _ = try project.benchmark(named: name) }
        guard !gated.isEmpty else { return [] }
        let repository = try Repository.open(at: project.root)
        let note = CommitNote(parsing: try repository.note(on: commit, ref: try BenchConfig.load(for: repository).notesRef()))
        var violations: [String] = []
        var missing: [String] = []
        for name in gated {
            guard let line = note.verdict(project: project.name, benchmark: name) else { missing.append(name); continue }
            let check = RegressionCheck.judge(line.verdict, commit: commit, source: .note)
            if check.outcome == .fail { violations.append("\(project.name)/\(name) regressed in its verdict note on \(commit.hex.prefix(10)): \(line.line)") }
        }
        var overrides: [String] = []
        if !violations.isEmpty {
            guard options.force else { throw ReleaseError.gate(command: command, violations: violations) }
            overrides += violations
        }
        if !missing.isEmpty {
            if options.missingBlocks && !options.force { throw ReleaseError.missingVerdict(command: command, benchmarks: missing) }
            if options.missingBlocks { overrides.append("no verdict note for \(missing.joined(separator: ", "))") }
            warnings.append("no verdict note for \(missing.joined(separator: ", ")) on \(commit.hex.prefix(10)); the release gate could not check them")
        }
        return overrides
    }
}
