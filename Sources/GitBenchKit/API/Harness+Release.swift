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
