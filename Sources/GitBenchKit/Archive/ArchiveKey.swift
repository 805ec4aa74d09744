import Foundation

/// The object keys of the seed's layout (astrocyte's R2 archive), and the checks on every name that goes into one.
///
/// Private bucket: `runs/<YYYY-MM-DD>/<stage>/<bench>/results-<UTC-ts>-<sha7>.json.gz`, `runs/<date>/manifest.json`,
/// `runs/<date>/entries/<sha256 of the result key>.json` (ours: one create-only object per archived run) and
/// `latest/<bench>.json.gz`. Public bucket: `trajectory/<bench>.json` and `badges/<bench>.json`.
public enum ArchiveKey {
    /// `runs/<date>/<stage>/<bench>/results-<ts>-<sha7>.json.gz`; `startedAt` gives both the UTC date and the
    /// timestamp (`20260508T140000Z`).
    public static func result(startedAt: Date, stage: String, bench: String, sha7: String) throws(ArchiveError) -> String {
        try validate(stage: stage)
        try validate(bench: bench)
        guard sha7 == dirtySHA || (sha7.utf8.count == 7 && sha7.utf8.allSatisfy(isLowerHex)) else {
            throw .invalidName(kind: "short sha", value: sha7, reason: "expected 7 lowercase hex digits or \"dirty\"")
        }
        return "runs/\(day(of: startedAt))/\(stage)/\(bench)/results-\(timestamp(of: startedAt))-\(sha7).json.gz"
    }

    /// The `<sha7>` of a result key: the commit's first 7 hex digits, or `dirty` when the tree had uncommitted changes.
    public static func sha7(commit: String, dirty: Bool) throws(ArchiveError) -> String {
        if dirty { return dirtySHA }
        let lower = commit.lowercased()
        guard lower.utf8.count >= 7, lower.utf8.allSatisfy(isLowerHex) else {
            throw .invalidName(kind: "commit", value: commit, reason: "expected at least 7 hex digits")
        }
        return String(lower.prefix(7))
    }

    /// What `sha7` is for a dirty tree.
    public static let dirtySHA = "dirty"

    /// `runs/<date>/manifest.json`.
    public static func manifest(date: String) throws(ArchiveError) -> String {
        try validate(date: date)
        return "runs/\(date)/manifest.json"
    }

    /// `runs/<date>/entries/`: where each run's own manifest entry lives.
    public static func entriesPrefix(date: String) throws(ArchiveError) -> String {
        try validate(date: date)
        return "runs/\(date)/entries/"
    }

    /// `runs/<date>/entries/<64 hex>.json`, the SHA-256 of `resultKey`: one fixed-length name per archived run.
    public static func entry(date: String, resultKey: String) throws(ArchiveError) -> String {
        try entriesPrefix(date: date) + ContentDigest(of: Data(resultKey.utf8)).hex + ".json"
    }

    /// True for a key `entry(date:resultKey:)` can return under `date` (a listing may hold other things).
    public static func isEntry(_ key: String, date: String) -> Bool {
        guard let prefix = try? entriesPrefix(date: date), key.hasPrefix(prefix), key.hasSuffix(".json") else { return false }
        let name = key.dropFirst(prefix.count).dropLast(5)
        return name.utf8.count == 64 && name.utf8.allSatisfy(isLowerHex)
    }

    /// `latest/<bench>.json.gz`.
    public static func latest(bench: String) throws(ArchiveError) -> String {
        try validate(bench: bench)
        return "latest/\(bench).json.gz"
    }

    /// `trajectory/<bench>.json` (public).
    public static func trajectory(bench: String) throws(ArchiveError) -> String {
        try validate(bench: bench)
        return "trajectory/\(bench).json"
    }

    /// `badges/<bench>.json` (public).
    public static func badge(bench: String) throws(ArchiveError) -> String {
        try validate(bench: bench)
        return "badges/\(bench).json"
    }

    /// The UTC day of `date`, `YYYY-MM-DD`.
    public static func day(of date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The UTC second of `date`, `YYYYMMDDTHHMMSSZ`.
    public static func timestamp(of date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// A stage label: one path segment of letters, digits, `.`, `_`, `+` and `-`, starting with a letter or digit, at
    /// most 128 characters, and not `entries` (the folder of the day's entry objects).
    public static func validate(stage: String) throws(ArchiveError) {
        try validateName(stage, kind: "stage")
        if stage == "entries" { throw .invalidName(kind: "stage", value: stage, reason: "\"entries\" is the folder of the day's manifest entries") }
        if stage == "manifest.json" { throw .invalidName(kind: "stage", value: stage, reason: "\"manifest.json\" is the day's manifest") }
    }

    /// A bench name, with the rules of a stage label.
    public static func validate(bench: String) throws(ArchiveError) {
        try validateName(bench, kind: "bench")
    }

    /// A day, `YYYY-MM-DD`, that exists in the calendar.
    public static func validate(date: String) throws(ArchiveError) {
        let bytes = Array(date.utf8)
        let digitsAt = [0, 1, 2, 3, 5, 6, 8, 9]
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              digitsAt.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }),
              let year = Int(date.prefix(4)), let month = Int(date.dropFirst(5).prefix(2)), let day = Int(date.suffix(2)),
              let parsed = utc.date(from: DateComponents(year: year, month: month, day: day)),
              Self.day(of: parsed) == date else {
            throw .invalidName(kind: "date", value: date, reason: "expected a calendar day as YYYY-MM-DD")
        }
    }

    private static func validateName(_ name: String, kind: String) throws(ArchiveError) {
        guard !name.isEmpty else { throw .invalidName(kind: kind, value: name, reason: "it is empty") }
        guard name.utf8.count <= 128 else { throw .invalidName(kind: kind, value: name, reason: "it is longer than 128 characters") }
        guard let first = name.utf8.first, isAlphanumeric(first) else {
            throw .invalidName(kind: kind, value: name, reason: "it must start with a letter or digit")
        }
        guard name.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) else {
            throw .invalidName(kind: kind, value: name, reason: "only letters, digits, '.', '_', '+' and '-' are allowed")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()
}

/// A name, manifest or object the archive cannot use.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    /// A stage, bench, date or sha that cannot go into an object key.
    case invalidName(kind: String, value: String, reason: String)
    /// An object's JSON is not what the archive writes (`at` is the key path inside it).
    case invalidObject(key: String, at: String, reason: String)
    /// A value with no JSON form (NaN or an infinity).
    case unencodable(at: String, reason: String)
    /// The day's manifest kept changing under us for `attempts` tries.
    case manifestContention(key: String, attempts: Int)
    /// The object store failed.
    case store(ObjectStoreError)

    public var description: String {
        switch self {
        case .invalidName(let kind, let value, let reason): return "invalid \(kind) \(ObjectKey.quoted(value)): \(reason)"
        case .invalidObject(let key, let at, let reason): return "invalid archive object \(key) at \(at): \(reason)"
        case .unencodable(let at, let reason): return "cannot write JSON at \(at): \(reason)"
        case .manifestContention(let key, let attempts):
            return "could not update \(key): it changed under \(attempts) attempts in a row; its entries are safe under entries/ and the next archive merges them"
        case .store(let error): return error.description
        }
    }
}
