import Foundation

/// The formats of `history`, `compare` and `summary`: an aligned table for a terminal, Markdown for a PR comment or
/// job summary, RFC 4180 CSV and JSON for scripts.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown
}

/// Rows of cells drawn as an aligned text table, a GitHub Markdown table or CSV: one table, three renderings.
struct ReportTable {
    var columns: [String]
    var rows: [[String]] = []
    /// Columns aligned right in text and Markdown (numbers).
    var numeric: Set<Int> = []

    /// Two spaces between columns, numbers right-aligned, trailing blanks trimmed; the header row unless `showsHeader` is false.
    func text(indent: String = "", showsHeader: Bool = true) -> String {
        var widths = showsHeader ? columns.map(\.count) : columns.map { _ in 0 }
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return numeric.contains(index) ? pad + cell : cell + pad
            }
            return indent + padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return ((showsHeader ? [columns] : []) + rows).map(line).joined()
    }

    func markdown() -> String {
        var out = "| " + columns.map(RunExportWriter.markdownCell).joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(RunExportWriter.markdownCell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// CRLF line ends, as RFC 4180 writes them.
    func csv() -> String {
        ([columns] + rows).map { $0.map(RunExportWriter.csvField).joined(separator: ",") + "\r\n" }.joined()
    }
}

/// How the reports write numbers for people; CSV and JSON carry the exact values instead.
enum ReportNumber {
    /// Four significant digits: `1.055`, `0.0003125`, `1.235e+06`.
    static func value(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "-" }

    /// `1.055 ± 0.003` from a mean and its interval, or the mean alone.
    static func mean(_ summary: SampleDescription, unit: String?) -> String {
        guard let mean = summary.mean else { return "-" }
        let unitText = unit.map { " " + $0 } ?? ""
        guard let interval = summary.meanInterval else { return value(mean) + unitText }
        return "\(value(mean)) ± \(value((interval.upper - interval.lower) / 2))\(unitText)"
    }

    /// `+5.41%`.
    static func percent(_ fraction: Double) -> String { String(format: "%+.2f%%", fraction * 100) }

    /// `+5.41% [+2.10%, +8.70%]`.
    static func change(_ change: RelativeChange?) -> String {
        guard let change else { return "-" }
        return "\(percent(change.estimate)) [\(percent(change.lower)), \(percent(change.upper))]"
    }

    /// `0.0031`, `<0.0001`.
    static func probability(_ p: Double?) -> String {
        guard let p else { return "-" }
        return p < 0.0001 ? "<0.0001" : String(format: "%.4f", p)
    }

    /// The exact value for CSV: Swift's shortest round-trip form, empty for none.
    static func exact(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
    static func exact(_ x: Int?) -> String { x.map { "\($0)" } ?? "" }
}
