// Reads file paths, one per line, on stdin; for each prints one JSON line: {"ok": <value>} in toml-test's tagged
// encoding, or {"error": "<line>:<column>: <reason>"}. scripts/fuzz-toml compares these with Python's tomllib.
import Foundation
import GitBenchKit

func tagged(_ value: TOMLValue) -> Any {
    switch value {
    case .string(let string): return ["type": "string", "value": string]
    case .integer(let int): return ["type": "integer", "value": String(int)]
    case .float(let double):
        let text = double.isNaN ? "nan" : double.isInfinite ? (double > 0 ? "inf" : "-inf") : "\(double)"
        return ["type": "float", "value": text]
    case .boolean(let bool): return ["type": "bool", "value": String(bool)]
    case .dateTime(let dateTime):
        let type = switch dateTime.kind {
        case .offsetDateTime: "datetime"
        case .localDateTime: "datetime-local"
        case .localDate: "date-local"
        case .localTime: "time-local"
        }
        return ["type": type, "value": dateTime.text]
    case .array(let array): return array.elements.map(tagged)
    case .table(let table): return Dictionary(uniqueKeysWithValues: table.keys.map { ($0, tagged(table[$0]!)) })
    }
}

while let path = readLine(strippingNewline: true) {
    let line: Any
    if let data = FileManager.default.contents(atPath: path) {
        do {
            line = ["ok": tagged(.table(try TOMLParser.parse(bytes: Array(data))))]
        } catch {
            line = ["error": error.description]
        }
    } else {
        line = ["error": "unreadable: \(path)"]
    }
    let json = (try? JSONSerialization.data(withJSONObject: line)) ?? Data(#"{"error":"unencodable"}"#.utf8)
    FileHandle.standardOutput.write(json + Data("\n".utf8))
}
