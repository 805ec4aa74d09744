import Foundation

/// What `mark-shipped` / `unmark-shipped` label: one git-bench run set, or project directories of the canonical layout.
public enum ShipTarget: Sendable, Equatable {
    case runSet(RunSetID)
    case directories([URL])
}

/// One labelled run of a cycle, whichever kind it is: what `tag-shipped` and `release-mark` score and list.
public struct ShippedRun: Sendable, Equatable {
    /// The run set id, or the project directory's name without its `astrocyte-` prefix.
    public var name: String
    public var bench: String
    public var overall: Double?
    /// Questions (harness results) or ok repetitions (run sets); nil when unknown.
    public var n: Int?
    /// The commit it was measured at, when known (run sets record it; archived harness results carry a short sha).
    public var commit: String?
    public var rationale: String?
    public var markedAt: String
    /// Harness accuracies are fractions; a git-bench measure prints with its unit.
    public var unit: String?
    public var isFraction: Bool
}

/// Why a ship label could not be put on or taken off (exit codes: 64 label, 66 no target, 77 refused).
public enum ShipLabelError: Error, Equatable, CustomStringConvertible {
    case invalidLabel(String)
    case noTarget(String, searched: String)
    case relabel(target: String, current: String, wanted: String)
    case unarchived(target: String)
    case write(String)

    public var description: String {
        switch self {
        case .invalidLabel(let label):
            return "invalid ship label \(ObjectKey.quoted(label)): use lowercase letters, digits, '.' and '-', starting with a letter or digit (e.g. m19)"
        case .noTarget(let target, let searched):
            return "no run set or project directory named \(ObjectKey.quoted(target)) (searched \(searched))"
        case .relabel(let target, let current, let wanted):
            return "\(target) is already labelled \(current); --force relabels it \(wanted)"
        case .unarchived(let target):
            return "\(target) is not archived yet, so the label could not reach the manifests; run `git bench archive rescan` first, or pass --allow-unarchived"
        case .write(let reason): return reason
        }
    }
}

/// `mark-shipped` and `unmark-shipped`: the seed's first curation layer. A directory of the canonical layout gets
/// `_SHIP_LABEL.json` (`{label, marked_at, rationale}`); a git-bench run set gets an append-only label event in the
/// store. `archive refresh-labels` carries either into the archived manifests.
public struct ShipLabels: Sendable {
    public let store: RunStore
    public let home: HarnessHome
    /// The repository whose `benchmark-results/` is searched.
    public let repository: URL

    public init(store: RunStore, home: HarnessHome, repository: URL) {
        self.store = store
        self.home = home
        self.repository = repository
    }

    /// `target` as a run-set id, a project directory (a path), or a project directory name matched under every
    /// `benchmark-results/<harness>/<bench>/`, with or without its `astrocyte-` prefix.
    public func resolve(_ target: String, currentDirectory: URL) throws(ShipLabelError) -> ShipTarget {
        if RunSetDirectory.isRunSetID(target) {
            guard (try? RunSetDirectory.locate(RunSetID(value: target), home: home)) != nil else {
                throw .noTarget(target, searched: RunDir.runsDirectory(home: home).path)
            }
            return .runSet(RunSetID(value: target))
        }
        let root = repository.appendingPathComponent(CanonicalLayout.directoryName)
        let path = target.hasPrefix("/") ? URL(fileURLWithPath: target) : currentDirectory.appendingPathComponent(target)
        var isDirectory: ObjCBool = false
        if target.contains("/"), FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory), isDirectory.boolValue {
            let standardized = path.standardizedFileURL.resolvingSymlinksInPath()
            let components = standardized.pathComponents
            let rootComponents = root.standardizedFileURL.resolvingSymlinksInPath().pathComponents
            guard components.count == rootComponents.count + 3, Array(components.prefix(rootComponents.count)) == rootComponents else {
                throw .noTarget(target, searched: "\(root.path)/<harness>/<bench>/<project>/")
            }
            return .directories([standardized])
        }
        guard !target.contains("/"), !target.hasPrefix("."), !target.isEmpty else { throw .noTarget(target, searched: root.path) }
        let names = target.hasPrefix("astrocyte-") ? [target] : [target, "astrocyte-" + target]
        var found: [URL] = []
        let manager = FileManager.default
        for harness in ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() where !harness.hasPrefix(".") && harness != "_r2" {
            let harnessURL = root.appendingPathComponent(harness)
            for bench in ((try? manager.contentsOfDirectory(atPath: harnessURL.path)) ?? []).sorted() where !bench.hasPrefix(".") {
                for name in names {
                    let candidate = harnessURL.appendingPathComponent(bench).appendingPathComponent(name)
                    var directory: ObjCBool = false
                    if manager.fileExists(atPath: candidate.path, isDirectory: &directory), directory.boolValue { found.append(candidate) }
                }
            }
        }
        guard !found.isEmpty else { throw .noTarget(target, searched: "\(root.path)/<harness>/<bench>/ and the run sets") }
        return .directories(found)
    }

    /// Puts `label` on `target`. Refuses, before writing anything, a target labelled otherwise (unless `force`) and one
    /// not archived yet (unless `allowUnarchived`). Returns the names labelled.
    @discardableResult
    public func mark(_ target: ShipTarget, label: String, rationale: String?, force: Bool, allowUnarchived: Bool,
                     at date: Date = Date()) throws -> [String] {
        do { try ShipLabel.validate(label: label) } catch { throw ShipLabelError.invalidLabel(label) }
        let markedAt = DayManifestUpdater.timestamp(date)
        switch target {
        case .runSet(let id):
            let directory = try RunSetDirectory.locate(id, home: home)
            if let current = try store.currentShipLabel(runSetID: id.value), current.action == .mark, let existing = current.label {
                if existing == label && current.rationale == rationale { return [] }
                if existing != label && !force { throw ShipLabelError.relabel(target: id.value, current: existing, wanted: label) }
            }
            if !allowUnarchived, (try? ArchivedMarker.read(projectDirectory: directory.url)) ?? nil == nil {
                throw ShipLabelError.unarchived(target: id.value)
            }
            let rows = try store.runs(inRunSet: id)
            guard let first = rows.first else { throw ShipLabelError.noTarget(id.value, searched: "the store") }
            try store.appendShipLabelEvent(ShipLabelEvent(runSetID: id.value, project: first.project, benchmark: first.benchmark, action: .mark,
                                                          label: label, rationale: rationale, createdAt: markedAt))
            return [id.value]
        case .directories(let directories):
            for directory in directories {
                if let existing = try ShipLabel.read(projectDirectory: directory), existing.label != label, !force {
                    throw ShipLabelError.relabel(target: directory.path, current: existing.label, wanted: label)
                }
                if !allowUnarchived, try ArchivedMarker.read(projectDirectory: directory) == nil {
                    throw ShipLabelError.unarchived(target: directory.path)
                }
            }
            for directory in directories {
                try ShipLabel(label: label, markedAt: markedAt, rationale: rationale ?? "").write(projectDirectory: directory)
            }
            return directories.map(\.path)
        }
    }

    /// Takes the label off `target`; returns the names that had one.
    @discardableResult
    public func unmark(_ target: ShipTarget, at date: Date = Date()) throws -> [String] {
        switch target {
        case .runSet(let id):
            guard let current = try store.currentShipLabel(runSetID: id.value), current.action == .mark else { return [] }
            try store.appendShipLabelEvent(ShipLabelEvent(runSetID: id.value, project: current.project, benchmark: current.benchmark, action: .unmark,
                                                          label: nil, rationale: nil, createdAt: DayManifestUpdater.timestamp(date)))
            return [id.value]
        case .directories(let directories):
            var removed: [String] = []
            for directory in directories {
                let file = directory.appendingPathComponent(ShipLabel.fileName)
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                do { try FileManager.default.removeItem(at: file) } catch { throw ShipLabelError.write("could not remove \(file.path): \(error.localizedDescription)") }
                removed.append(directory.path)
            }
            return removed
        }
    }

    /// The labels `archive refresh-labels` patches into manifests for run sets: each archived run set's current label
    /// (nil after an unmark), keyed by the result keys its `_ARCHIVED` names.
    public func runSetLabelsByResultKey() throws -> [String: ShipLabel?] {
        var labels: [String: ShipLabel?] = [:]
        for event in try store.currentShipLabels() {
            guard let directory = try? RunSetDirectory.locate(RunSetID(value: event.runSetID), home: home),
                  let marker = (try? ArchivedMarker.read(projectDirectory: directory.url)) ?? nil else { continue }
            let label = event.action == .mark ? event.label.map { ShipLabel(label: $0, markedAt: event.createdAt, rationale: event.rationale ?? "") } : nil
            for key in marker.resultKeys { labels[key] = .some(label) }
        }
        return labels
    }

    /// Every run labelled `label`: canonical directories whose `_SHIP_LABEL.json` says so, and run sets whose current
    /// label it is. `units` gives a benchmark's unit (`unit` in its manifest). Sorted by bench, then name.
    public func shippedRuns(label: String, units: [String: String] = [:], directions: [String: String] = [:]) throws -> [ShippedRun] {
        var runs: [ShippedRun] = []
        let scan = try CanonicalLayout.scan(repository: repository, options: CanonicalLayout.Options(includeSmoke: true, force: true))
        for candidate in scan.candidates where candidate.shipLabel?.label == label {
            let name = candidate.projectDirectory.lastPathComponent
            let shortSHA = candidate.archived?.resultKeys.compactMap(Self.shortSHA(ofResultKey:)).first
            runs.append(ShippedRun(name: name.hasPrefix("astrocyte-") ? String(name.dropFirst("astrocyte-".count)) : name, bench: candidate.result.bench,
                                   overall: candidate.result.overall, n: candidate.result.nQuestions, commit: candidate.result.commit ?? shortSHA,
                                   rationale: candidate.shipLabel.flatMap { $0.rationale.isEmpty ? nil : $0.rationale },
                                   markedAt: candidate.shipLabel?.markedAt ?? "", unit: nil, isFraction: true))
        }
        for event in try store.runSets(labelled: label) {
            let rows = try store.runs(inRunSet: RunSetID(value: event.runSetID)).counting.filter { $0.status == .ok }
            let metrics = rows.compactMap(\.metric)
            let overall = metrics.isEmpty ? nil : metrics.reduce(0, +) / Double(metrics.count)
            let unit = units[event.benchmark]
            let fraction = unit == nil && directions[event.benchmark] != "minimize" && metrics.allSatisfy { (0...1).contains($0) }
            runs.append(ShippedRun(name: event.runSetID, bench: event.benchmark, overall: overall, n: rows.count, commit: rows.first?.gitSHA,
                                   rationale: event.rationale, markedAt: event.createdAt, unit: unit, isFraction: fraction))
        }
        return runs.sorted { ($0.bench, $0.name) < ($1.bench, $1.name) }
    }

    /// The `<sha7>` of `runs/…/results-<ts>-<sha7>.json.gz`; nil for `dirty` or another shape.
    static func shortSHA(ofResultKey key: String) -> String? {
        guard let name = key.split(separator: "/").last, name.hasSuffix(".json.gz") else { return nil }
        let stem = name.dropLast(".json.gz".count)
        guard let sha = stem.split(separator: "-").last, sha.count == 7, sha.allSatisfy(\.isHexDigit) else { return nil }
        return String(sha)
    }
}
