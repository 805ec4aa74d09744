import Foundation
import GRDB

/// The `projects` table: which repository each registered project name points at.
extension RunStore {
    /// Registers (or re-registers) a project by name.
    public func register(_ project: RegisteredProject) throws {
        _ = try write("register project \(project.name)") { db in
            try db.execute(sql: """
                INSERT INTO projects (name, path, manifest_hash, registered_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET path = excluded.path, manifest_hash = excluded.manifest_hash, registered_at = excluded.registered_at
                """, arguments: [project.name, project.path, project.manifestHash, project.registeredAt])
            return true
        }
    }

    /// Forgets a project's registration; its runs stay. Returns false when it was not registered.
    public func unregister(name: String) throws -> Bool {
        try write("unregister project \(name)") { db in
            try db.execute(sql: "DELETE FROM projects WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// All registered projects, by name.
    public func projects() throws -> [RegisteredProject] {
        try read("list projects") { db in try RegisteredProject.fetchAll(db, sql: "SELECT * FROM projects ORDER BY name") }
    }

    /// The project registered under `name`.
    public func project(named name: String) throws -> RegisteredProject? {
        try read("read project \(name)") { db in try RegisteredProject.fetchOne(db, key: name) }
    }

    /// The project registered at `path`.
    public func project(atPath path: String) throws -> RegisteredProject? {
        try read("find the project at \(path)") { db in
            try RegisteredProject.fetchOne(db, sql: "SELECT * FROM projects WHERE path = ? ORDER BY name LIMIT 1", arguments: [path])
        }
    }
}
