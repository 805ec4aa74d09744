import Foundation

/// `bench_<8 hex>_<YYYYmmdd_HHMMSS>`: names one `run` or `baseline establish` invocation.
public struct RunSetID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String
    public init(value: String) { self.value = value }

    /// A fresh id stamped with `date` (UTC).
    public static func make(date: Date = Date()) -> RunSetID {
        var generator = SystemRandomNumberGenerator()
        let hex = String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator))
        return RunSetID(value: "bench_\(hex)_\(Timestamp.compact(date))")
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
