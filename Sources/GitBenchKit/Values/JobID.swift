/// Names one row of the `jobs` table: a background job or a foreground run holding capacity.
public struct JobID: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The row id, as `status` prints it.
    public let value: Int64
    /// Wraps a row id.
    public init(_ value: Int64) { self.value = value }

    /// The bare number.
    public var description: String { String(value) }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.value < rhs.value }

    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
