import Foundation
import TOMLKit

/// Reads and validates `bench/manifest.toml`: benchstone's format unchanged, plus git-bench's extensions.
///
/// Unknown keys and benchstone's floor checks become `Manifest.warnings`; wrong types, wrong values and missing
/// required keys throw `ManifestError.invalid` naming the file, the key path and the key's line.
public enum ManifestLoader {
    /// Where the manifest lives, relative to the project root; also the file name used in messages by `load`.
    public static let relativePath = "bench/manifest.toml"

    /// Parses and validates manifest bytes. `file` is only used in messages (e.g. `bench/manifest.toml`).
    ///
    /// Throws `ManifestError.syntax` for bytes that are not UTF-8 TOML and `ManifestError.invalid` for the first
    /// key with a wrong type or value (or a missing required key). Does no I/O.
    public static func parse(_ data: Data, file: String) throws(ManifestError) -> Manifest {
        let text = try decodeUTF8(data, file: file)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                reason: error.description)
        } catch {
            // TOMLKit documents TOMLParseError as its only parse error; keep anything else visible rather than lose it.
            throw .syntax(file: file, line: 1, column: 1, reason: String(describing: error))
        }
        var reader = ManifestReader(file: file, source: SourceMap(text))
        let (project, benchmarks, release) = try reader.read(root)
        return Manifest(
            project: project, benchmarks: benchmarks, release: release,
            contentHash: contentHash(of: data), warnings: reader.warnings)
    }

    /// Reads `<projectRoot>/bench/manifest.toml` and parses it with `parse(_:file:)`.
    ///
    /// Throws `ManifestError.missing(path:)` when the file does not exist, the file system's error when it exists
    /// but cannot be read, and `parse`'s errors (naming `bench/manifest.toml`) otherwise.
    public static func load(projectRoot: URL) throws -> Manifest {
        let url = projectRoot.appendingPathComponent("bench", isDirectory: true)
            .appendingPathComponent("manifest.toml", isDirectory: false)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
            throw ManifestError.missing(path: url.path)
        }
        return try parse(data, file: relativePath)
    }

    /// `sha256:<64 lowercase hex>` of `data`, the manifest digest recorded on every run.
    public static func contentHash(of data: Data) -> String {
        ContentDigest(of: data).tagged
    }

    /// Decodes strict UTF-8; TOML requires it, and a NUL byte would silently truncate the C string toml++ parses.
    private static func decodeUTF8(_ data: Data, file: String) throws(ManifestError) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\0" {
                    throw .syntax(file: file, line: line, column: column, reason: "the file contains a NUL byte")
                }
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                throw .syntax(file: file, line: line, column: column, reason: "the file is not valid UTF-8")
            case .emptyInput:
                return String(decoding: data, as: UTF8.self)
            }
        }
    }
}

// MARK: - Validation

/// A key path as it appears in messages (`display`) and as the source map knows it (`source`).
/// They differ for benchmarks: messages use the benchmark's name, the file only knows its position.
private struct Location {
    var display: String
    var source: [SourceMap.Component]

    static let root = Location(display: "", source: [])

    func child(_ key: String) -> Location {
        Location(display: display.isEmpty ? key : "\(display).\(key)", source: source + [.key(key)])
    }

    func element(_ index: Int) -> Location {
        Location(display: "\(display)[\(index)]", source: source + [.index(index)])
    }
}

private struct ManifestReader {
    let file: String
    let source: SourceMap
    var warnings: [String] = []

    static let topLevelKeys: Set<String> = ["project", "benchmarks", "release"]
    static let projectKeys: Set<String> = ["name", "language", "invocation"]
    static let releaseKeys: Set<String> = ["packages"]
    static let benchmarkKeys: Set<String> = [
        "name", "entry_point", "tier", "deterministic", "metric_direction", "expected_runtime_seconds", "threads",
        "gpu", "background_required", "repetitions", "baseline_seeds", "promotion_sigma", "promotion_z",
        "gate_policy", "corpus_path", "corpus_hash", "corpus_type", "reference_policy",
        // git-bench extensions
        "timeout_seconds", "min_effect", "paths", "hooks",
    ]
    static let placeholders = ["entry_point", "config_path", "output_path"]

    init(file: String, source: SourceMap) {
        self.file = file
        self.source = source
    }

    mutating func read(_ root: TOMLTable) throws(ManifestError) -> (ProjectSpec, [Benchmark], ReleaseSpec?) {
        warnUnknownKeys(in: root, known: Self.topLevelKeys, at: .root, scope: "at top level")
        let project = try readProject(root)
        let benchmarks = try readBenchmarks(root)
        let release = try readRelease(root)
        return (project, benchmarks, release)
    }

    // MARK: Tables

    private mutating func readProject(_ root: TOMLTable) throws(ManifestError) -> ProjectSpec {
        let at = Location.root.child("project")
        guard let value = root["project"] else {
            throw invalid(at, "missing required table [project]")
        }
        guard let table = value.table else {
            throw invalid(at, "expected a table (got \(typed(value)))")
        }
        let name = try require(string(table, "name", at), "name", at)
        if let problem = Name.problem(with: name) {
            throw invalid(at.child("name"), "\(problem) (got \(quoted(name)))")
        }
        let language = try require(string(table, "language", at), "language", at)
        let invocation = try require(string(table, "invocation", at), "invocation", at)
        if invocation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw invalid(at.child("invocation"), "must not be empty")
        }
        if let unknown = Self.unknownPlaceholder(in: invocation) {
            let expected = Self.placeholders.map { "{\($0)}" }
            throw invalid(
                at.child("invocation"),
                "unknown placeholder {\(unknown)} (expected \(expected[0]), \(expected[1]) or \(expected[2]))")
        }
        warnUnknownKeys(in: table, known: Self.projectKeys, at: at, scope: "in [project]")
        return ProjectSpec(name: name, language: language, invocation: invocation)
    }

    private mutating func readBenchmarks(_ root: TOMLTable) throws(ManifestError) -> [Benchmark] {
        let at = Location.root.child("benchmarks")
        guard let value = root["benchmarks"] else {
            throw invalid(at, "missing required array of tables [[benchmarks]]")
        }
        guard let array = value.array else {
            throw invalid(at, "expected an array of tables [[benchmarks]] (got \(typed(value)))")
        }
        if array.isEmpty {
            throw invalid(at, "at least one benchmark is required")
        }
        var benchmarks: [Benchmark] = []
        var firstIndex: [String: Int] = [:]
        for index in 0..<array.count {
            let element = array[index]
            let byIndex = at.element(index)
            guard let table = element.table else {
                throw invalid(byIndex, "expected a table (got \(typed(element)))")
            }
            let benchmark = try readBenchmark(table, at: byIndex, firstIndex: firstIndex)
            firstIndex[benchmark.name] = index
            benchmarks.append(benchmark)
        }
        return benchmarks
    }

    private mutating func readBenchmark(
        _ table: TOMLTable, at byIndex: Location, firstIndex: [String: Int]
    ) throws(ManifestError) -> Benchmark {
        // The name is read against the index; once it is known to be valid and unique, messages use it instead.
        let name = try require(string(table, "name", byIndex), "name", byIndex)
        if let problem = Name.problem(with: name) {
            throw invalid(byIndex.child("name"), "\(problem) (got \(quoted(name)))")
        }
        if let first = firstIndex[name] {
            let firstAt = Location.root.child("benchmarks").element(first)
            let firstLine = source.line(for: firstAt.child("name").source).map { ", line \($0)" } ?? ""
            throw invalid(
                byIndex.child("name"),
                "duplicate benchmark name \(quoted(name)) (first used by \(firstAt.display)\(firstLine))")
        }
        let at = Location(display: "benchmarks[\(name)]", source: byIndex.source)

        let entryPoint = try require(string(table, "entry_point", at), "entry_point", at)
        if entryPoint.isEmpty {
            throw invalid(at.child("entry_point"), "must not be empty")
        }
        let tier = try require(choice(table, "tier", at, as: Tier.self), "tier", at)
        let deterministic = try bool(table, "deterministic", at)
        let metricDirection = try choice(table, "metric_direction", at, as: MetricDirection.self)
        let expectedRuntime = try integer(table, "expected_runtime_seconds", at, atLeast: 0)
        let threads = try integer(table, "threads", at, atLeast: 1) ?? 1
        let gpu = try choice(table, "gpu", at, as: GPUMode.self) ?? .none
        let backgroundRequired = try bool(table, "background_required", at) ?? false
        let repetitions = try integer(table, "repetitions", at, atLeast: 1) ?? 1
        let baselineSeeds = try seeds(table, "baseline_seeds", at) ?? []
        let promotionSigma = try number(table, "promotion_sigma", at)
        let promotionZ = try number(table, "promotion_z", at)
        let gatePolicy = try choice(table, "gate_policy", at, as: GatePolicy.self) ?? .sigma
        let corpusPath = try string(table, "corpus_path", at)
        let corpusHash = try string(table, "corpus_hash", at)
        if let corpusHash, !Self.isSHA256Digest(corpusHash) {
            throw invalid(
                at.child("corpus_hash"),
                "expected \"sha256:\" followed by 64 lowercase hex digits (got \(quoted(corpusHash)))")
        }
        var corpusType = try choice(table, "corpus_type", at, as: CorpusType.self)
        let referencePolicy = try string(table, "reference_policy", at)
        let timeoutSeconds = try number(table, "timeout_seconds", at)
        if let timeoutSeconds, timeoutSeconds <= 0 {
            throw invalid(at.child("timeout_seconds"), "must be greater than 0 (got \(timeoutSeconds))")
        }
        let minEffect = try number(table, "min_effect", at)
        if let minEffect, !(0..<1).contains(minEffect) {
            throw invalid(at.child("min_effect"), "must be at least 0 and less than 1 (got \(minEffect))")
        }
        let paths = try strings(table, "paths", at) ?? []
        let hooks = try hookNames(table, "hooks", at) ?? []

        if tier != .correctness {
            if metricDirection == nil {
                throw invalid(
                    at.child("metric_direction"),
                    "missing; required for \(tier.rawValue) benchmarks (one of \(Self.choices(MetricDirection.self)))")
            }
            if promotionSigma == nil {
                throw invalid(at.child("promotion_sigma"), "missing; required for \(tier.rawValue) benchmarks")
            }
        }

        warnUnknownKeys(in: table, known: Self.benchmarkKeys, at: at, scope: "in \(at.display)")
        if corpusHash != nil, corpusType == nil {
            // benchstone's default: a bare corpus_hash fingerprints one file's bytes.
            corpusType = .bytes
            warn(at.child("corpus_hash"), "no corpus_type given; assuming \"bytes\"")
        }
        if tier != .correctness {
            if repetitions < 2 {
                warn(
                    at.child("repetitions"),
                    "\(repetitions) is below the gate's floor of 2; "
                        + "the gate returns NEEDS_MORE_DATA with fewer than 2 candidate runs")
            }
            if baselineSeeds.count < 2 {
                let seeds = baselineSeeds.count == 1 ? "1 seed" : "\(baselineSeeds.count) seeds"
                warn(
                    at.child("baseline_seeds"),
                    "\(seeds) is below the gate's floor of 2; "
                        + "the gate returns NEEDS_MORE_DATA with fewer than 2 baseline runs")
            }
            if gatePolicy == .mannWhitney, promotionZ == nil {
                warn(
                    at.child("gate_policy"),
                    "mann_whitney without promotion_z; promotion_sigma is used as the z threshold")
            }
        }

        return Benchmark(
            name: name, entryPoint: entryPoint, tier: tier, deterministic: deterministic,
            metricDirection: metricDirection, expectedRuntimeSeconds: expectedRuntime, threads: threads, gpu: gpu,
            backgroundRequired: backgroundRequired, repetitions: repetitions, baselineSeeds: baselineSeeds,
            promotionSigma: promotionSigma, promotionZ: promotionZ, gatePolicy: gatePolicy,
            corpusPath: corpusPath, corpusHash: corpusHash, corpusType: corpusType, referencePolicy: referencePolicy,
            timeoutSeconds: timeoutSeconds, minEffect: minEffect, paths: paths, hooks: hooks)
    }

    private mutating func readRelease(_ root: TOMLTable) throws(ManifestError) -> ReleaseSpec? {
        let at = Location.root.child("release")
        guard let value = root["release"] else { return nil }
        guard let table = value.table else {
            throw invalid(at, "expected a table (got \(typed(value)))")
        }
        let packages = try require(strings(table, "packages", at), "packages", at)
        warnUnknownKeys(in: table, known: Self.releaseKeys, at: at, scope: "in [release]")
        return ReleaseSpec(packages: packages)
    }

    // MARK: Typed values

    private func require<T>(_ value: T?, _ key: String, _ at: Location) throws(ManifestError) -> T {
        guard let value else {
            throw invalid(at.child(key), "missing required key")
        }
        return value
    }

    private func string(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else {
            throw invalid(at.child(key), "expected a string (got \(typed(value)))")
        }
        return string
    }

    private func bool(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.bool else {
            throw invalid(at.child(key), "expected a boolean (got \(typed(value)))")
        }
        return bool
    }

    private func integer(
        _ table: TOMLTable, _ key: String, _ at: Location, atLeast minimum: Int
    ) throws(ManifestError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let int = value.int else {
            throw invalid(at.child(key), "expected an integer (got \(typed(value)))")
        }
        if int < minimum {
            throw invalid(at.child(key), "must be at least \(minimum) (got \(int))")
        }
        return int
    }

    /// A float, or an integer widened to one; NaN and infinities are refused because no gate can compare them.
    private func number(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> Double? {
        guard let value = table[key] else { return nil }
        let number: Double
        if let int = value.int {
            number = Double(int)
        } else if let double = value.double {
            number = double
        } else {
            throw invalid(at.child(key), "expected a number (got \(typed(value)))")
        }
        if !number.isFinite {
            throw invalid(at.child(key), "must be a finite number (got \(number))")
        }
        return number
    }

    private func choice<E: RawRepresentable & CaseIterable>(
        _ table: TOMLTable, _ key: String, _ at: Location, as: E.Type
    ) throws(ManifestError) -> E? where E.RawValue == String {
        guard let value = table[key] else { return nil }
        guard let string = value.string else {
            throw invalid(at.child(key), "expected one of \(Self.choices(E.self)) (got \(typed(value)))")
        }
        guard let choice = E(rawValue: string) else {
            throw invalid(at.child(key), "expected one of \(Self.choices(E.self)) (got \(quoted(string)))")
        }
        return choice
    }

    private func array(_ table: TOMLTable, _ key: String, _ at: Location, of what: String) throws(ManifestError)
        -> TOMLArray?
    {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            throw invalid(at.child(key), "expected an array of \(what) (got \(typed(value)))")
        }
        return array
    }

    /// Seeds are benchstone's non-negative 63-bit integers.
    private func seeds(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> [Int64]? {
        guard let array = try array(table, key, at, of: "integers") else { return nil }
        var seeds: [Int64] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementAt = at.child(key).element(index)
            guard let int = element.int else {
                throw invalid(elementAt, "expected an integer (got \(typed(element)))")
            }
            guard int >= 0 else {
                throw invalid(elementAt, "must be between 0 and \(Int64.max) (got \(int))")
            }
            seeds.append(Int64(int))
        }
        return seeds
    }

    /// Non-empty strings (package names, path globs).
    private func strings(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> [String]? {
        guard let array = try array(table, key, at, of: "strings") else { return nil }
        var strings: [String] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementAt = at.child(key).element(index)
            guard let string = element.string else {
                throw invalid(elementAt, "expected a string (got \(typed(element)))")
            }
            if string.isEmpty {
                throw invalid(elementAt, "must not be empty")
            }
            strings.append(string)
        }
        return strings
    }

    private func hookNames(_ table: TOMLTable, _ key: String, _ at: Location) throws(ManifestError) -> [HookName]? {
        guard let array = try array(table, key, at, of: "strings") else { return nil }
        var hooks: [HookName] = []
        for index in 0..<array.count {
            let element = array[index]
            let elementAt = at.child(key).element(index)
            guard let string = element.string else {
                throw invalid(elementAt, "expected one of \(Self.choices(HookName.self)) (got \(typed(element)))")
            }
            guard let hook = HookName(rawValue: string) else {
                throw invalid(elementAt, "expected one of \(Self.choices(HookName.self)) (got \(quoted(string)))")
            }
            hooks.append(hook)
        }
        return hooks
    }

    // MARK: Checks

    static func isSHA256Digest(_ string: String) -> Bool {
        ContentDigest(tagged: string) != nil
    }

    /// The first `{identifier}` in `invocation` that is not one of the three placeholders.
    /// `${…}` is shell parameter expansion, and braces around anything but an identifier (`awk '{print $1}'`)
    /// are literal text, so neither is a placeholder.
    static func unknownPlaceholder(in invocation: String) -> String? {
        let scalars = Array(invocation.unicodeScalars)
        var index = 0
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "{", index == 0 || scalars[index - 1] != "$" else { continue }
            var end = index + 1
            while end < scalars.count, isIdentifierScalar(scalars[end]) { end += 1 }
            guard end < scalars.count, scalars[end] == "}", end > index + 1,
                !("0"..."9").contains(scalars[index + 1])
            else { continue }
            var word = ""
            word.unicodeScalars.append(contentsOf: scalars[(index + 1)..<end])
            if !placeholders.contains(word) {
                return word
            }
            index = end
        }
        return nil
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_": return true
        default: return false
        }
    }

    static func choices<E: RawRepresentable & CaseIterable>(_: E.Type) -> String where E.RawValue == String {
        E.allCases.map(\.rawValue).joined(separator: ", ")
    }

    // MARK: Messages

    private mutating func warnUnknownKeys(in table: TOMLTable, known: Set<String>, at: Location, scope: String) {
        let unknown = table.keys.filter { !known.contains($0) }
            .map { key in (key: key, line: source.line(for: at.child(key).source)) }
            // toml++ keeps keys sorted by name; report them in file order instead.
            .sorted { ($0.line ?? Int.max, $0.key) < ($1.line ?? Int.max, $1.key) }
        for (key, line) in unknown {
            let prefix = line.map { "\(file):\($0)" } ?? file
            warnings.append("\(prefix): unknown key \(Self.quotedKey(key)) \(scope) (ignored)")
        }
    }

    private mutating func warn(_ at: Location, _ message: String) {
        let prefix = source.line(for: at.source).map { "\(file):\($0)" } ?? file
        warnings.append("\(prefix): \(at.display): \(message)")
    }

    private func invalid(_ at: Location, _ reason: String) -> ManifestError {
        .invalid(file: file, at: at.display, line: source.line(for: at.source), reason: reason)
    }

    private static func quotedKey(_ key: String) -> String {
        key.contains("'") ? quoted(key) : "'\(key)'"
    }

    private func quoted(_ string: String) -> String { Self.quoted(string) }

    /// `string` in double quotes with TOML's basic-string escapes, so invisible characters stay visible.
    /// (Not `String.debugDescription`: TOMLKit's `TOMLValueConvertible` conformance redefines it as the bare string.)
    private static func quoted(_ string: String) -> String {
        var quoted = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// A value with its TOML type, for "expected X (got integer 3)" messages.
    private func typed(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "string \(quoted(value.string ?? ""))"
        case .int: return "integer \(value.int.map(String.init) ?? "")"
        case .double: return "float \(value.double.map { "\($0)" } ?? "")"
        case .bool: return "boolean \(value.bool.map { "\($0)" } ?? "")"
        case .array: return "array"
        case .table: return "table"
        case .date: return "date \(value.date.map { "\($0)" } ?? "")"
        case .time: return "time \(value.time.map { "\($0)" } ?? "")"
        case .dateTime: return "date-time \(value.dateTime.map { "\($0)" } ?? "")"
        }
    }
}

// MARK: - Line numbers

/// Line numbers for keys and table headers, found by scanning the raw text.
///
/// TOMLKit does not expose toml++'s source positions for values, so this re-reads the (already valid) TOML:
/// table headers, `[[array]]` headers and `key = value` lines, skipping comments, strings and multi-line values.
/// Keys inside inline tables are not recorded; lookups fall back to the enclosing key's line.
private struct SourceMap {
    /// One step of a key path: a key, or the n-th (0-based) element of an array of tables.
    enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    private var lines: [[Component]: Int] = [:]

    init(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        lines = scanner.scan()
    }

    /// The 1-based line of `path`, or of its nearest recorded ancestor; nil if none is in the file.
    func line(for path: [Component]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var lines: [[Component]: Int] = [:]
        var arrayCounts: [[Component]: Int] = [:]

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        func byte(at offset: Int) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        mutating func record(_ path: [Component]) {
            if lines[path] == nil { lines[path] = line }
        }

        mutating func scan() -> [[Component]: Int] {
            var table: [Component] = []
            while let byte = current {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0xEF, 0xBB, 0xBF:
                    // 0xEF 0xBB 0xBF is the UTF-8 byte order mark, legal only at the start of the file.
                    position += 1
                case UInt8(ascii: "\n"):
                    line += 1
                    position += 1
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                case UInt8(ascii: "["):
                    table = header()
                    skipToEndOfLine()
                default:
                    keyValue(in: table)
                }
            }
            return lines
        }

        /// `[a.b]` or `[[a.b]]`; returns the table's path with array-of-tables elements resolved to their index.
        mutating func header() -> [Component] {
            let isArray = byte(at: 1) == UInt8(ascii: "[")
            position += isArray ? 2 : 1
            let keys = dottedKey()
            var path: [Component] = []
            for (offset, key) in keys.enumerated() {
                path.append(.key(key))
                let isLast = offset == keys.count - 1
                if isLast && isArray {
                    let count = (arrayCounts[path] ?? 0) + 1
                    arrayCounts[path] = count
                    record(path)
                    path.append(.index(count - 1))
                } else if let count = arrayCounts[path] {
                    // A sub-table of an array of tables belongs to its latest element.
                    path.append(.index(count - 1))
                }
            }
            record(path)
            return path
        }

        mutating func keyValue(in table: [Component]) {
            let keys = dottedKey()
            skipSpaces()
            guard !keys.isEmpty, current == UInt8(ascii: "=") else {
                skipToEndOfLine()
                return
            }
            position += 1
            var path = table
            for key in keys {
                path.append(.key(key))
                record(path)
            }
            skipValue()
        }

        mutating func dottedKey() -> [String] {
            var keys: [String] = []
            while true {
                skipSpaces()
                guard let byte = current else { return keys }
                switch byte {
                case UInt8(ascii: "\""):
                    keys.append(quotedKey(escapes: true))
                case UInt8(ascii: "'"):
                    keys.append(quotedKey(escapes: false))
                default:
                    let start = position
                    while let byte = current, Self.isBareKeyByte(byte) { position += 1 }
                    if start == position { return keys }
                    keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
                }
                skipSpaces()
                guard current == UInt8(ascii: ".") else { return keys }
                position += 1
            }
        }

        /// A single-line quoted key; only the escapes a key plausibly uses are decoded.
        mutating func quotedKey(escapes: Bool) -> String {
            let quote = bytes[position]
            position += 1
            var key: [UInt8] = []
            while let byte = current, byte != quote, byte != UInt8(ascii: "\n") {
                if escapes, byte == UInt8(ascii: "\\"), let next = self.byte(at: 1) {
                    switch next {
                    case UInt8(ascii: "n"): key.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): key.append(UInt8(ascii: "\t"))
                    default: key.append(next)
                    }
                    position += 2
                } else {
                    key.append(byte)
                    position += 1
                }
            }
            if current == quote { position += 1 }
            return String(decoding: key, as: UTF8.self)
        }

        /// Skips a value up to (not including) the newline that ends it, following arrays, inline tables and
        /// multi-line strings across lines.
        mutating func skipValue() {
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString()
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                    continue
                case UInt8(ascii: "\n"):
                    if depth == 0 { return }
                    line += 1
                default:
                    break
                }
                position += 1
            }
        }

        mutating func skipString() {
            let quote = bytes[position]
            let escapes = quote == UInt8(ascii: "\"")
            let isMultiLine = byte(at: 1) == quote && byte(at: 2) == quote
            position += isMultiLine ? 3 : 1
            while let byte = current {
                if escapes, byte == UInt8(ascii: "\\") {
                    if self.byte(at: 1) == UInt8(ascii: "\n") { line += 1 }
                    position += 2
                    continue
                }
                if byte == UInt8(ascii: "\n") {
                    if !isMultiLine { return }
                    line += 1
                }
                if byte == quote {
                    if !isMultiLine {
                        position += 1
                        return
                    }
                    if self.byte(at: 1) == quote, self.byte(at: 2) == quote {
                        position += 3
                        // Up to two more quotes may close the string: `""""a"""""` ends in `a""`.
                        var extra = 0
                        while extra < 2, current == quote {
                            position += 1
                            extra += 1
                        }
                        return
                    }
                }
                position += 1
            }
        }

        mutating func skipSpaces() {
            while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
        }

        mutating func skipToEndOfLine() {
            while let byte = current, byte != UInt8(ascii: "\n") { position += 1 }
        }

        static func isBareKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
