import Foundation

/// A payload and the marker to write once it is archived.
struct PendingArchive {
    var payload: ArchivePayload
    /// Where `_ARCHIVED` goes: the run set's or the project directory.
    var markerDirectory: URL?
}

extension Harness {
    /// The archive configured for the repository around `directory`: git config `bench.archive.*`, the `R2_*` or
    /// `AWS_*` environment, else `file://$GIT_BENCH_HOME/archive`.
    public func archiveConfiguration(from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ArchiveConfiguration {
        let config = try BenchConfig.load(from: directory, environment: environment)
        let settings = ArchiveConfiguration.Settings(
            url: config.value(.archiveURL), publicURL: config.value(.archivePublicURL), publicWebURL: config.value(.archivePublicWebURL),
            endpoint: config.value(.archiveEndpoint), region: config.value(.archiveRegion), stage: config.value(.archiveStage))
        return try ArchiveConfiguration.resolve(settings, environment: environment, home: home, base: directory)
    }

    /// The `git_bench_result` document of a finished run set: its directory's provenance, summary and seed plan, its
    /// stored rows with their usage, the baseline events that stand for its rows, and (for a candidate) its verdict.
    /// `project` supplies the benchmark's direction and unit; nil looks the project up by the run set's name.
    public func runSetResult(_ runSetID: RunSetID, in project: ProjectContext? = nil) throws -> RunSetResult {
        let directory = try RunSetDirectory.locate(runSetID, home: home)
        let provenance = try directory.read(RunProvenance.self, from: RunDir.provenanceFile)
        let summary = try directory.read(RunSummary.self, from: RunDir.summaryFile)
        let state = try? directory.readResumeState()
        let rows = try store.runs(inRunSet: runSetID)
        var usage: [Int64: ResourceUsage] = [:]
        for entry in try directory.readSeries(toleratingTornTail: true) { usage[entry.runID] = entry.usage }
        let rowIDs = Set(rows.map(\.id))
        let events = try store.baselineEvents(project: provenance.project, benchmark: provenance.benchmark).filter { event in
            event.host == provenance.host
                && (event.runSetID == runSetID.value || (event.runIDs.map { !$0.isEmpty && Set($0).isSubset(of: rowIDs) } ?? false))
        }
        let context = try project ?? self.project(named: provenance.project, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let benchmark = context.manifest.benchmark(named: provenance.benchmark)
        var verdict: String?
        if summary.role == .candidate, let benchmark, context.name == provenance.project {
            verdict = try? evaluation.verdict(for: benchmark, in: context, commit: provenance.git.sha,
                                              options: EvaluateOptions(anyHost: true, includeDirty: true, runSet: runSetID)).kind.rawValue
        }
        return RunSetResult(provenance: provenance, summary: summary, resumeState: state, rows: rows, usage: usage, baselineEvents: events,
                            direction: (benchmark?.metricDirection ?? .maximize).rawValue, unit: benchmark?.unit, verdict: verdict)
    }

    /// Archives what `request` names, then refreshes `latest/`, the trajectories and badges, and marks each archived
    /// run set and canonical directory with `_ARCHIVED`. Throws for a bad stage or cutoff, an unreadable `--files`
    /// file, or a run set that cannot be read; a failed upload is in the report, not thrown.
    public func archive(_ request: ArchiveRequest, in project: ProjectContext, configuration: ArchiveConfiguration,
                        progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ArchiveOutcome {
        let stage = request.stage ?? configuration.defaultStage
        try ArchiveKey.validate(stage: stage)
        let location = ArchiveConfiguration.describe(configuration.privateLocation)
        var skipped: [ArchiveOutcome.Skipped] = []
        var pending: [PendingArchive] = []

        var runSets = request.runSets
        if request.unarchivedRunSets {
            for id in try archivableRunSets(of: project) where !runSets.contains(id) {
                // A malformed marker counts as archived, as astrocyte's rescan treats one; --force uploads again.
                let directory = try RunSetDirectory.locate(id, home: home).url
                let marker = Result { try ArchivedMarker.read(projectDirectory: directory) }
                if !request.force, (try? marker.get()).map({ $0?.covers(archive: location) ?? false }) ?? true {
                    skipped.append(.init(label: id.value, reason: "already archived"))
                    continue
                }
                runSets.append(id)
            }
        }
        for id in runSets {
            let directory = try RunSetDirectory.locate(id, home: home)
            guard FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(RunDir.summaryFile).path) else {
                skipped.append(.init(label: id.value, reason: "not finished (no \(RunDir.summaryFile)); `git bench resume \(id.value)` completes it"))
                continue
            }
            pending.append(PendingArchive(payload: try payload(for: try runSetResult(id, in: project), stage: stage), markerDirectory: directory.url))
        }

        if !request.files.isEmpty || request.canonicalLayout {
            let head = try Repository.open(at: project.root).headCommit()
            let sha7 = try ArchiveKey.sha7(commit: head.hex, dirty: false)
            for file in request.files {
                let (data, modifiedAt) = try HarnessResult.readFile(file)
                let result = try HarnessResult.read(data, path: file.path, cutoff: request.cutoff,
                                                    directoryBench: request.filesBench.map(HarnessResult.normalizedBench))
                let startedAt = result.startedAt ?? modifiedAt ?? Date()
                pending.append(PendingArchive(payload: ArchivePayload(
                    document: data, startedAt: startedAt, stage: stage, bench: result.bench, sha7: try result.commit.map { try ArchiveKey.sha7(commit: $0, dirty: false) } ?? sha7,
                    entry: result.manifestEntry(date: "", stage: stage, sha: sha7, uploadedAt: "", resultKey: ""), label: file.path), markerDirectory: nil))
            }
            if request.canonicalLayout {
                let scan = try CanonicalLayout.scan(repository: project.root, options: CanonicalLayout.Options(
                    includeSmoke: request.includeSmoke, force: request.force, cutoff: request.cutoff))
                skipped += scan.skips.map { .init(label: $0.path, reason: $0.reason) }
                for candidate in scan.candidates {
                    let data = candidate.resultBytes
                    let commitSHA7 = try candidate.result.commit.map { try ArchiveKey.sha7(commit: $0, dirty: false) } ?? sha7
                    pending.append(PendingArchive(payload: ArchivePayload(
                        document: data, startedAt: candidate.result.startedAt ?? candidate.resultModifiedAt, stage: candidate.stage,
                        bench: candidate.result.bench, sha7: commitSHA7,
                        entry: candidate.manifestEntry(date: "", sha: commitSHA7, uploadedAt: "", resultKey: ""), label: candidate.projectDirectory.path),
                        markerDirectory: candidate.projectDirectory))
                }
            }
        }

        if request.dryRun {
            let planned = pending.map { item in
                ArchiveOutcome.Planned(label: item.payload.label, resultKey: (try? ArchiveKey.result(
                    startedAt: item.payload.startedAt, stage: item.payload.stage, bench: item.payload.bench, sha7: item.payload.sha7)) ?? "(no valid key)")
            }
            return ArchiveOutcome(report: ArchiveReport(), skipped: skipped, planned: planned, archive: configuration.description, dryRun: true)
        }

        let stores = configuration.stores()
        let trusted = ArchiveProbe.trusts(configuration.privateLocation, store: stores.private, home: home)
        let archiver = Archiver(privateStore: stores.private, trustsConditionalWrites: trusted.trusted)
        var report = archiver.upload(pending.map(\.payload), progress: progress)
        if !report.archived.isEmpty {
            var rows: [ReleaseRow] = []
            do { rows = try releases(in: project) } catch { report.warnings.append("\(error); the badges were drawn without release rows") }
            publish(&report, releases: rows, stores: stores)
        }
        let markers = Dictionary(pending.compactMap { item in item.markerDirectory.map { (item.payload.label, $0) } }) { first, _ in first }
        for archived in report.archived {
            guard let directory = markers[archived.label] else { continue }
            do {
                try ArchivedMarker(archivedAt: archived.entry.uploadedAt, resultKeys: [archived.entry.resultKey], archive: location)
                    .write(projectDirectory: directory)
            } catch {
                report.warnings.append("archived \(archived.label) but could not write its _ARCHIVED marker: \(error)")
            }
        }
        return ArchiveOutcome(report: report, skipped: skipped, planned: [], archive: configuration.description, dryRun: false)
    }

    /// The release rows of the project's BENCH_PARITY.yaml, for the badges (none without the file). Throws
    /// `BenchParityError` for a file that cannot be read as one.
    func releases(in project: ProjectContext) throws -> [ReleaseRow] {
        try BenchParity.read(from: project.root.appendingPathComponent(BenchParity.fileName)).releaseRows
    }

    /// The payload of one run set's document.
    func payload(for result: RunSetResult, stage: String) throws -> ArchivePayload {
        guard let startedAt = result.startDate else {
            throw ArchiveError.invalidObject(key: result.runSetID, at: "started_at", reason: "\(result.startedAt) is not a UTC timestamp")
        }
        let sha7 = try ArchiveKey.sha7(commit: result.commit, dirty: result.dirty)
        try ArchiveKey.validate(bench: result.benchmark)
        return ArchivePayload(document: try result.encoded(), startedAt: startedAt, stage: stage, bench: result.benchmark, sha7: sha7,
                              entry: result.manifestEntry(stage: stage, sha7: sha7, uploadedAt: "", resultKey: "", resultSHA256: ""),
                              label: result.runSetID)
    }

    /// The run sets of `project` under the harness home, oldest first.
    func archivableRunSets(of project: ProjectContext) throws -> [RunSetID] {
        let projectDirectory = RunDir.runsDirectory(home: home).appendingPathComponent(project.name)
        let manager = FileManager.default
        var ids: [RunSetID] = []
        for benchmark in ((try? manager.contentsOfDirectory(atPath: projectDirectory.path)) ?? []).sorted() {
            let names = (try? manager.contentsOfDirectory(atPath: projectDirectory.appendingPathComponent(benchmark).path)) ?? []
            ids += names.filter(RunSetDirectory.isRunSetID).map(RunSetID.init(value:))
        }
        // The id ends in its start time: sorting by it is oldest first.
        return ids.sorted { $0.value.suffix(15) != $1.value.suffix(15) ? $0.value.suffix(15) < $1.value.suffix(15) : $0.value < $1.value }
    }

    /// After `run`: archives the run sets when an archive is configured (not the default `file://` one) and
    /// `GIT_BENCH_ARCHIVE_DISABLE` is not set. A failure is one warning and never fails the run; `archive rescan`
    /// uploads what was left.
    public func archiveAfterRun(_ outcome: RunOutcome, in project: ProjectContext,
                                environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard !outcome.runSets.isEmpty, environment["GIT_BENCH_ARCHIVE_DISABLE"].map({ $0.isEmpty || $0 == "0" }) ?? true else { return }
        let configuration: ArchiveConfiguration
        do {
            configuration = try archiveConfiguration(from: project.root, environment: environment)
        } catch {
            console.warning("archive: \(error); the run sets stay local (`git bench archive rescan` uploads them once fixed)")
            return
        }
        guard configuration.origin != .defaultHome else { return }
        let ids = outcome.runSets.filter { $0.runDirectory != nil }.map(\.id)
        guard !ids.isEmpty else { return }
        do {
            let archived = try archive(ArchiveRequest(runSets: ids), in: project, configuration: configuration.forAutomaticArchive())
            if let failure = archived.report.failures.first {
                console.warning("archive: \(archived.report.failures.count) of \(ids.count) run set(s) not uploaded (\(failure.reason)); "
                                + "`git bench archive rescan` uploads them later")
            } else {
                for warning in archived.report.warnings { console.warning("archive: \(warning)") }
            }
        } catch {
            console.warning("archive: run sets not uploaded (\(error)); `git bench archive rescan` uploads them later")
        }
    }
}

extension Harness {
    /// After an upload: rebuilds every trajectory and badge from the manifests (the seed regenerates them on every
    /// archive) and copies each archived bench's newest result to `latest/<bench>.json.gz`. Returns what it wrote, as
    /// keys, and warnings; a failure here is a warning, since the runs themselves are archived.
    func publish(_ report: inout ArchiveReport, releases: [ReleaseRow], stores: (private: any ObjectStore, public: any ObjectStore)) {
        let summary: TrajectoryRebuildSummary
        do {
            summary = try TrajectoryRebuild(privateStore: stores.private, publicStore: stores.public, releases: releases).run()
        } catch {
            report.warnings.append("the runs are archived, but the trajectories and badges were not refreshed: \(error)")
            return
        }
        report.warnings += summary.warnings
        report.published += summary.keysWritten
        let ours = Set(report.archived.map(\.entry.resultKey))
        for (bench, resultKey) in summary.newest.sorted(by: { $0.key < $1.key }) where ours.contains(resultKey) {
            do {
                let latest = try ArchiveKey.latest(bench: bench)
                guard let object = try stores.private.get(resultKey) else { continue }
                try stores.private.put(latest, object.bytes, contentType: "application/gzip", condition: .none)
                report.published.append(latest)
                report.objectsWritten += 1
            } catch {
                report.warnings.append("could not refresh latest/\(bench).json.gz: \(error)")
            }
        }
    }
}

extension Harness {
    /// Probes the private store, and the public one when it is another store; each described without secrets.
    public func archiveSelftest(_ configuration: ArchiveConfiguration) -> [(store: String, outcome: ArchiveProbe.Outcome)] {
        let stores = configuration.stores()
        var results = [("private " + ArchiveConfiguration.describe(configuration.privateLocation), ArchiveProbe.run(stores.private))]
        if configuration.publicLocation != configuration.privateLocation {
            results.append(("public " + ArchiveConfiguration.describe(configuration.publicLocation), ArchiveProbe.run(stores.public)))
        }
        return results
    }
}

extension Harness {
    /// `archive pull`: imports the archived run sets `filter` selects from the configured archive's private store.
    public func pullArchive(_ filter: ArchivePull.Filter, configuration: ArchiveConfiguration) throws -> ArchivePull.Outcome {
        try ArchivePull(store: configuration.stores().private, runStore: store).pull(filter)
    }
}

extension Harness {
    /// `archive rebuild-trajectory`: merges every day's entry objects into its manifest, then rewrites every
    /// trajectory and badge (release rows from the project's BENCH_PARITY.yaml when `project` is given).
    public func rebuildTrajectories(configuration: ArchiveConfiguration, project: ProjectContext?) throws -> TrajectoryRebuildOutcome {
        let stores = configuration.stores()
        let summary = try TrajectoryRebuild(privateStore: stores.private, publicStore: stores.public,
                                            releases: try project.map { try releases(in: $0) } ?? []).run()
        return TrajectoryRebuildOutcome(daysRead: summary.daysRead, daysRepaired: summary.daysRepaired, entries: summary.entries,
                                        written: summary.keysWritten, warnings: summary.warnings)
    }

    /// `archive trajectory`: every archived run per bench (only `bench` when given), read-only.
    public func trajectories(configuration: ArchiveConfiguration, bench: String?) throws -> [Trajectory] {
        let stores = configuration.stores()
        let runs = try TrajectoryRebuild(privateStore: stores.private, publicStore: stores.public).collect(repair: false)
        let all = Trajectory.all(from: runs.entries, updatedAt: DayManifestUpdater.timestamp(Date()))
        return bench.map { name in all.filter { $0.bench == HarnessResult.normalizedBench(name) || $0.bench == name } } ?? all
    }

    /// `archive fetch`: downloads results into `<repository>/benchmark-results/_r2/` (`ArchiveFetch`).
    public func fetchArchive(_ selection: ArchiveFetchSelection, into repository: URL, configuration: ArchiveConfiguration) throws -> ArchiveFetchOutcome {
        let stores = configuration.stores()
        return try ArchiveFetch(privateStore: stores.private, publicStore: stores.public).fetch(selection, into: repository)
    }

    /// `archive refresh-labels`: copies the `_SHIP_LABEL.json` of every archived canonical directory, and the current
    /// ship label of every archived run set, into the manifest entries their `_ARCHIVED` names (no re-upload), with `If-Match` retries, then rebuilds the badges. Returns the
    /// result keys whose entries changed.
    public func refreshLabels(in project: ProjectContext, configuration: ArchiveConfiguration) throws -> [String] {
        let scan = try CanonicalLayout.scan(repository: project.root, options: CanonicalLayout.Options(includeSmoke: true, force: true))
        var labels = try shipLabels(in: project).runSetLabelsByResultKey()
        for candidate in scan.candidates {
            guard let archived = candidate.archived else { continue }
            for key in archived.resultKeys { labels[key] = .some(candidate.shipLabel) }
        }
        let stores = configuration.stores()
        let changed = try ShipLabelRefresh(store: stores.private).apply(labels)
        // Always redrawn: a release recorded since (release-mark) changes the badges without changing a label.
        _ = try TrajectoryRebuild(privateStore: stores.private, publicStore: stores.public, releases: try releases(in: project)).run()
        return changed
    }
}
