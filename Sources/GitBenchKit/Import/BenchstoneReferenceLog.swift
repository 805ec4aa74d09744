import Foundation

/// benchstone's frozen references, read from its references directory (`$BENCHSTONE_HOME/references`):
/// `<project>/<benchmark>.json` holds the current reference and `<project>/<benchmark>.history.jsonl` one JSON event
/// per line, `{"event": "frozen", "at", "new"}` or `{"event": "replaced", "at", "reason", "prior", "new"}`
/// (benchstone/references.py).
struct BenchstoneReferenceLog {
    /// benchstone's `Reference` record, as `json.dumps(asdict(ref))` writes it.
    struct Reference: Decodable, Equatable {
        var project: String
        var benchmark: String
        var frozenAt: String
        var frozenGitSHA: String
        /// `sha256:<hex>`.
        var contentHash: String
        /// Where benchstone keeps the bytes: `$BENCHSTONE_HOME/artifacts/<project>/<benchmark>/<hex>.bin`.
        var contentPath: String
        /// The benchstone run whose artifact was frozen.
        var fromRunID: Int64?
        var notes: String?

        enum CodingKeys: String, CodingKey {
            case project, benchmark
            case frozenAt = "frozen_at"
            case frozenGitSHA = "frozen_git_sha"
            case contentHash = "content_hash"
            case contentPath = "content_path"
            case fromRunID = "from_run_id"
            case notes
        }
    }

    /// One freeze or replacement, oldest first within a benchmark.
    struct Event: Equatable {
        var action: ReferenceEvent.Action
        /// UTC, `%Y-%m-%dT%H:%M:%SZ`.
        var at: String
        var reason: String?
        var reference: Reference
    }

    private struct HistoryLine: Decodable {
        var event: String
        var at: String
        var reason: String?
        var new: Reference
    }

    /// Every event under `directory`, by project, then benchmark, then history order. A benchmark with a current
    /// reference file but no history log (written by hand, or by a benchstone that kept no log) gives one freeze.
    ///
    /// Throws `ImportError.readReferences` naming the file (and line) that cannot be read or decoded.
    static func read(directory: URL) throws -> [Event] {
        var events: [Event] = []
        for project in try entries(of: directory) {
            let projectDirectory = directory.appendingPathComponent(project, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: projectDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let files = try entries(of: projectDirectory)
            let historySuffix = ".history.jsonl"
            let benchmarks = Set(files.compactMap { name -> String? in
                if name.hasSuffix(historySuffix) { return String(name.dropLast(historySuffix.count)) }
                if name.hasSuffix(".json") { return String(name.dropLast(".json".count)) }
                return nil
            })
            for benchmark in benchmarks.sorted() {
                let history = projectDirectory.appendingPathComponent(benchmark + historySuffix)
                if FileManager.default.fileExists(atPath: history.path) {
                    events += try readHistory(history)
                } else {
                    let current = projectDirectory.appendingPathComponent(benchmark + ".json")
                    let reference = try decode(Reference.self, from: try contents(of: current), file: current, line: nil)
                    events.append(Event(action: .freeze, at: reference.frozenAt, reason: nil, reference: reference))
                }
            }
        }
        return events
    }

    private static func readHistory(_ file: URL) throws -> [Event] {
        let text = String(decoding: try contents(of: file), as: UTF8.self)
        var events: [Event] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let entry = try decode(HistoryLine.self, from: Data(line.utf8), file: file, line: index + 1)
            let action: ReferenceEvent.Action
            switch entry.event {
            case "frozen": action = .freeze
            case "replaced": action = .replace
            default:
                throw ImportError.readReferences(path: "\(file.path):\(index + 1)", reason: "unknown event \"\(entry.event)\" (expected frozen or replaced)")
            }
            events.append(Event(action: action, at: entry.at, reason: entry.reason, reference: entry.new))
        }
        return events
    }

    private static func entries(of directory: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw ImportError.readReferences(path: directory.path, reason: "\(error.localizedDescription)")
        }
    }

    private static func contents(of file: URL) throws -> Data {
        do {
            return try Data(contentsOf: file)
        } catch {
            throw ImportError.readReferences(path: file.path, reason: "\(error.localizedDescription)")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: URL, line: Int?) throws -> T {
        let place = file.path + (line.map { ":\($0)" } ?? "")
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ImportError.readReferences(path: place, reason: "missing \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ImportError.readReferences(path: place, reason: "wrong type at \(path(context.codingPath))")
        } catch {
            throw ImportError.readReferences(path: place, reason: "not valid JSON")
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map(\.stringValue).joined(separator: ".")
    }
}
