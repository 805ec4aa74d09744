import Foundation

/// `_ARCHIVED`, written into a project directory of the canonical layout after its result was uploaded:
/// `{archived_at, result_keys}` (keys sorted, as astrocyte's script writes them), so a rescan skips the directory and
/// `refresh-labels` can find the run's manifest entries.
public struct ArchivedMarker: Sendable, Equatable {
    public static let fileName = "_ARCHIVED"

    /// When the upload finished, as the writer formats it (astrocyte writes Python's `isoformat()`).
    public var archivedAt: String
    public var resultKeys: [String]
    /// Which archive took it (git-bench's own markers: `ArchiveConfiguration.describe`), so a run set archived to the
    /// default `file://` store is still uploaded once an S3 archive is configured. nil in astrocyte's markers, which
    /// count for any archive.
    public var archive: String?

    public init(archivedAt: String, resultKeys: [String], archive: String? = nil) {
        self.archivedAt = archivedAt
        self.resultKeys = resultKeys
        self.archive = archive
    }

    /// True when the marker says the run is in `archive` (a marker naming no archive counts for every one).
    public func covers(archive location: String) -> Bool {
        archive == nil || archive == location
    }

    /// `json.dumps({archived_at, result_keys: sorted(…)}, indent=2, sort_keys=True)` and a newline.
    public func encoded() throws(ArchiveMarkerError) -> Data {
        var members: [String: ArchiveJSON] = [
            "archived_at": .string(archivedAt),
            "result_keys": .array(resultKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(ArchiveJSON.string)),
        ]
        if let archive { members["archive"] = .string(archive) }
        let value = ArchiveJSON.object(members)
        return try MarkerFile.text(value, path: Self.fileName)
    }

    /// Reads a marker's bytes; `path` names it in errors. Keys other than these are ignored.
    public static func decode(_ data: Data, path: String) throws(ArchiveMarkerError) -> ArchivedMarker {
        let members = try MarkerFile.object(data, path: path)
        guard case .string(let archivedAt)? = members["archived_at"] else {
            throw .malformed(path: path, reason: "archived_at is missing or not a string")
        }
        guard case .array(let keys)? = members["result_keys"] else {
            throw .malformed(path: path, reason: "result_keys is missing or not an array")
        }
        var resultKeys: [String] = []
        for (index, key) in keys.enumerated() {
            guard case .string(let text) = key else { throw .malformed(path: path, reason: "result_keys[\(index)] is not a string") }
            resultKeys.append(text)
        }
        var archive: String?
        if case .string(let text)? = members["archive"] { archive = text }
        return ArchivedMarker(archivedAt: archivedAt, resultKeys: resultKeys, archive: archive)
    }

    /// The marker in `projectDirectory`, nil when there is none.
    public static func read(projectDirectory: URL) throws(ArchiveMarkerError) -> ArchivedMarker? {
        let file = projectDirectory.appendingPathComponent(fileName)
        guard let data = try MarkerFile.read(file) else { return nil }
        return try decode(data, path: file.path)
    }

    /// Writes (or replaces) the marker in `projectDirectory`: temp file + rename, mode 0600.
    public func write(projectDirectory: URL) throws(ArchiveMarkerError) {
        try MarkerFile.write(encoded(), to: projectDirectory.appendingPathComponent(Self.fileName))
    }
}

/// `_SHIP_LABEL.json`: marks a project directory's run as part of a shipped cycle, `{label, marked_at, rationale}`
/// (astrocyte's `mark_shipped.py`). The label goes into the run's manifest entry as `ship_label`.
public struct ShipLabel: Sendable, Equatable {
    public static let fileName = "_SHIP_LABEL.json"

    public var label: String
    public var markedAt: String
    /// May be empty; an empty rationale is left out of manifest entries.
    public var rationale: String

    public init(label: String, markedAt: String, rationale: String) {
        self.label = label
        self.markedAt = markedAt
        self.rationale = rationale
    }

    /// mark_shipped.py's rule, `^[a-z0-9][a-z0-9.\-]*$`: lowercase so labels sort and compare plainly.
    public static func validate(label: String) throws(ArchiveMarkerError) {
        let bytes = Array(label.utf8)
        func allowed(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard let first = bytes.first, allowed(first),
              bytes.allSatisfy({ allowed($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else {
            throw .invalidLabel(label)
        }
    }

    /// `json.dumps({label, marked_at, rationale}, indent=2, sort_keys=True)` and a newline.
    public func encoded() throws(ArchiveMarkerError) -> Data {
        try Self.validate(label: label)
        let value = ArchiveJSON.object(["label": .string(label), "marked_at": .string(markedAt), "rationale": .string(rationale)])
        return try MarkerFile.text(value, path: Self.fileName)
    }

    /// Reads a label's bytes; `path` names it in errors. A missing or null rationale reads as empty.
    public static func decode(_ data: Data, path: String) throws(ArchiveMarkerError) -> ShipLabel {
        let members = try MarkerFile.object(data, path: path)
        guard case .string(let label)? = members["label"] else { throw .malformed(path: path, reason: "label is missing or not a string") }
        do { try validate(label: label) } catch { throw .malformed(path: path, reason: error.description) }
        guard case .string(let markedAt)? = members["marked_at"] else {
            throw .malformed(path: path, reason: "marked_at is missing or not a string")
        }
        let rationale: String
        switch members["rationale"] {
        case nil, .null?: rationale = ""
        case .string(let text)?: rationale = text
        default: throw .malformed(path: path, reason: "rationale is not a string")
        }
        return ShipLabel(label: label, markedAt: markedAt, rationale: rationale)
    }

    /// The label in `projectDirectory`, nil when there is none.
    public static func read(projectDirectory: URL) throws(ArchiveMarkerError) -> ShipLabel? {
        let file = projectDirectory.appendingPathComponent(fileName)
        guard let data = try MarkerFile.read(file) else { return nil }
        return try decode(data, path: file.path)
    }

    /// Writes (or replaces) the label in `projectDirectory`: temp file + rename, mode 0600.
    public func write(projectDirectory: URL) throws(ArchiveMarkerError) {
        try MarkerFile.write(encoded(), to: projectDirectory.appendingPathComponent(Self.fileName))
    }

    /// `entry` with this label's `ship_label`, `ship_marked_at` and (when not empty) `ship_rationale`.
    public func applied(to entry: ManifestEntry) -> ManifestEntry {
        var entry = entry
        entry.shipLabel = label
        entry.shipMarkedAt = markedAt
        entry.shipRationale = rationale.isEmpty ? nil : rationale
        return entry
    }
}

/// A marker file that cannot be read or written.
public enum ArchiveMarkerError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not the marker (bad JSON, a missing key, a non-regular file, too large).
    case malformed(path: String, reason: String)
    /// A ship label that breaks `^[a-z0-9][a-z0-9.\-]*$`.
    case invalidLabel(String)
    /// The write failed (the text names the file and why).
    case write(String)

    public var description: String {
        switch self {
        case .malformed(let path, let reason): return "\(HarnessResultError.escaped(path)): \(HarnessResultError.escaped(reason))"
        case .invalidLabel(let label):
            return "invalid ship label \(ObjectKey.quoted(label)): use lowercase letters, digits, '.' and '-', starting with a letter or digit"
        case .write(let text): return HarnessResultError.escaped(text)
        }
    }
}

/// Reading and writing the small JSON marker files.
enum MarkerFile {
    /// Markers are a few hundred bytes; anything near this is not one.
    static let sizeLimit = 1 << 20

    static func text(_ value: ArchiveJSON, path: String) throws(ArchiveMarkerError) -> Data {
        do {
            return Data((try value.pythonText() + "\n").utf8)
        } catch {
            throw .malformed(path: path, reason: error.description)
        }
    }

    static func object(_ data: Data, path: String) throws(ArchiveMarkerError) -> [String: ArchiveJSON] {
        let value: ArchiveJSON
        do { value = try ArchiveJSON.parse(data) } catch { throw .malformed(path: path, reason: "not JSON (\(error))") }
        guard case .object(let members) = value else { throw .malformed(path: path, reason: "not a JSON object") }
        return members
    }

    /// The file's bytes, nil when absent; a symlink, FIFO or other non-regular file is refused, never opened for reading.
    static func read(_ file: URL) throws(ArchiveMarkerError) -> Data? {
        switch RegularFile.read(file, limit: sizeLimit) {
        case .absent: return nil
        case .bytes(let data): return data
        case .refused(let reason): throw .malformed(path: file.path, reason: reason)
        }
    }

    static func write(_ data: Data, to file: URL) throws(ArchiveMarkerError) {
        do {
            try SecureFile.replace(file, contents: data)
        } catch {
            throw .write(error.description)
        }
    }
}
