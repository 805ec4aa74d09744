import Foundation

/// `git bench export`: every repetition with its provenance, as CSV (RFC 4180), JSON, JSON Lines or a Markdown table,
/// written as it is read so 10⁶ rows never sit in memory.
public enum RunExportFormat: String, Sendable, CaseIterable {
    case csv, json, jsonl, markdown
}

extension RunExportRow {
    /// The columns, in order.
    public static let columns = ["id", "project", "benchmark", "commit", "dirty", "host", "timestamp", "run_set_id", "role", "seed", "meta_seed",
                                 "repetition_index", "repetition_total", "status", "metric", "wall_clock_seconds", "user_cpu_seconds",
                                 "system_cpu_seconds", "peak_rss_bytes", "exit_code", "message", "artifact_hash"]

    /// Each column's value: nil for an empty cell (JSON null).
    var cells: [Cell?] {
        [.int(row.id), .text(row.project), .text(row.benchmark), .text(row.gitSHA), .bool(row.isDirty), .text(row.host), .text(row.timestamp),
         .text(row.runSetID), .text(row.role.rawValue), .int(row.seed), row.metaSeed.map(Cell.int), .int(Int64(row.repetitionIndex)),
         .int(Int64(row.repetitionTotal)), .text(row.status.rawValue), row.metric.map(Cell.number), .number(row.wallClockSeconds),
         usage.map { .number($0.userCPUSeconds) }, usage.map { .number($0.systemCPUSeconds) }, usage.map { .int($0.peakRSSBytes) },
         row.exitCode.map { .int(Int64($0)) }, row.message.map(Cell.text), row.artifactHash.map(Cell.text)]
    }

    enum Cell: Equatable {
        case int(Int64), number(Double), text(String), bool(Bool)

        /// As a CSV or Markdown cell (numbers as Swift's shortest round-trip digits).
        var plain: String {
            switch self {
            case .int(let value): return String(value)
            case .number(let value): return value.isFinite ? String(value) : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
            case .text(let value): return value
            case .bool(let value): return value ? "true" : "false"
            }
        }

        /// As a JSON value (a non-finite number, which JSON cannot hold, as a string).
        var json: String {
            switch self {
            case .int, .bool: return plain
            case .number(let value): return value.isFinite ? plain : JSONEscaping.quoted(plain)
            case .text(let value): return JSONEscaping.quoted(value)
            }
        }
    }
}

/// Writes export rows in one format to a sink, buffered.
public struct RunExportWriter {
    public let format: RunExportFormat
    private let sink: (Data) -> Void
    private var buffer = ""
    private var rows = 0

    public init(format: RunExportFormat, sink: @escaping (Data) -> Void) {
        self.format = format
        self.sink = sink
    }

    /// The header (CSV, Markdown) or the opening bracket (JSON).
    public mutating func begin() {
        switch format {
        case .csv: buffer += RunExportRow.columns.joined(separator: ",") + "\r\n"
        case .markdown:
            buffer += "| " + RunExportRow.columns.joined(separator: " | ") + " |\n"
            buffer += "|" + String(repeating: "---|", count: RunExportRow.columns.count) + "\n"
        case .json: buffer += "["
        case .jsonl: break
        }
    }

    public mutating func write(_ row: RunExportRow) {
        let cells = row.cells
        switch format {
        case .csv:
            buffer += cells.map { $0.map { Self.csvField($0.plain) } ?? "" }.joined(separator: ",") + "\r\n"
        case .markdown:
            buffer += "| " + cells.map { $0.map { Self.markdownCell($0.plain) } ?? "" }.joined(separator: " | ") + " |\n"
        case .json, .jsonl:
            let members = zip(RunExportRow.columns, cells).map { "\(JSONEscaping.quoted($0)):\($1?.json ?? "null")" }
            let object = "{" + members.joined(separator: ",") + "}"
            if format == .jsonl { buffer += object + "\n" } else { buffer += (rows == 0 ? "\n" : ",\n") + object }
        }
        rows += 1
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    /// The closing bracket (JSON) and whatever is still buffered.
    public mutating func end() {
        if format == .json { buffer += rows == 0 ? "]\n" : "\n]\n" }
        flush()
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        sink(Data(buffer.utf8))
        buffer = ""
    }

    /// RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled.
    static func csvField(_ text: String) -> String {
        // Bytes, not Characters: comparing Characters goes through Unicode string comparison, a tenth of an export.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A Markdown table cell: pipes escaped, line breaks as spaces.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

/// JSON string quoting, shared by the export writer.
enum JSONEscaping {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
