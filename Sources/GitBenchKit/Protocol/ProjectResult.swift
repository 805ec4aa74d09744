import Foundation

/// What the runner writes to `{output_path}`.
public struct ProjectResult: Sendable, Equatable {
    public enum Status: String, Sendable, Codable { case ok, error }

    public var status: Status
    public var metric: Double?
    public var metricComponents: JSONValue?
    public var wallClockSeconds: Double?
    public var metadata: JSONValue?
    public var message: String?

    public init(status: Status, metric: Double? = nil, metricComponents: JSONValue? = nil, wallClockSeconds: Double? = nil, metadata: JSONValue? = nil, message: String? = nil) {
        self.status = status
        self.metric = metric
        self.metricComponents = metricComponents
        self.wallClockSeconds = wallClockSeconds
        self.metadata = metadata
        self.message = message
    }

    /// Decodes and validates a result strictly: an object, a known status, a finite numeric metric when `ok`,
    /// a non-empty message when `error`. Throws `ProtocolError` naming the first problem.
    public static func decode(_ data: Data) throws(ProtocolError) -> ProjectResult {
        // Foundation's decoder traps on deep nesting (513 `[` kill the process), accepts trailing commas and keeps the
        // first of two equal keys: the bytes are checked strictly first.
        do {
            try StrictJSON.check(data, maximumDepth: maximumDepth)
        } catch {
            throw error.isTooDeep ? .tooDeep(limit: maximumDepth) : .invalid(offset: error.offset, reason: error.reason)
        }
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .notJSON
        }
        guard case .object(let object) = root else { throw .notAnObject(found: root.typeName) }

        let status: Status
        switch object["status"] {
        case .string(let text)?:
            guard let parsed = Status(rawValue: text) else { throw .badField("status", "must be \"ok\" or \"error\" (got \"\(text)\")") }
            status = parsed
        case nil: throw .badField("status", "is missing")
        case let other?: throw .badField("status", "must be a string (got \(other.typeName))")
        }

        let metric: Double?
        switch object["metric"] {
        case nil, .null?: metric = nil
        case .number(let value)?:
            guard value.isFinite else { throw .badField("metric", "must be finite (got \(value))") }
            metric = value
        case let other?: throw .badField("metric", "must be a finite number (got \(other.typeName))")
        }

        let message: String?
        switch object["message"] {
        case nil, .null?: message = nil
        case .string(let text)?: message = text
        case let other?: throw .badField("message", "must be a string (got \(other.typeName))")
        }

        let wallClock: Double?
        switch object["wall_clock_seconds"] {
        case nil, .null?: wallClock = nil
        case .number(let value)? where value.isFinite && value >= 0: wallClock = value
        case let other?: throw .badField("wall_clock_seconds", "must be a non-negative number (got \(other.typeName))")
        }

        let components = object["metric_components"].flatMap { $0 == .null ? nil : $0 }
        if let components, case .object = components {} else if components != nil {
            throw .badField("metric_components", "must be an object")
        }
        let metadata = object["metadata"].flatMap { $0 == .null ? nil : $0 }

        switch status {
        case .ok where metric == nil: throw .badField("metric", "is required when status is \"ok\"")
        case .error where (message ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
            throw .badField("message", "is required when status is \"error\"")
        default: break
        }
        return ProjectResult(status: status, metric: metric, metricComponents: components, wallClockSeconds: wallClock, metadata: metadata, message: message)
    }
}

extension ProjectResult {
    /// The deepest nesting of arrays and objects a result may have: far beyond any real metric components.
    public static let maximumDepth = 64
}

/// Why a runner's result was refused.
public enum ProtocolError: Error, Equatable, CustomStringConvertible {
    case notJSON
    case notAnObject(found: String)
    case badField(String, String)
    case tooDeep(limit: Int)
    case invalid(offset: Int, reason: String)

    public var description: String {
        switch self {
        case .tooDeep(let limit): return "result.json nests arrays or objects more than \(limit) deep"
        case .invalid(let offset, let reason): return "result.json is not valid JSON at byte \(offset): \(reason)"
        case .notJSON: return "result.json is not valid JSON"
        case .notAnObject(let found): return "result.json must be a JSON object (got \(found))"
        case .badField(let key, let reason): return "result.json: \"\(key)\" \(reason)"
        }
    }
}

extension JSONValue {
    /// The JSON type name, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
