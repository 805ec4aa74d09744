import Foundation

/// A flat key → bytes store with ETags and conditional writes: the subset of S3 the archive needs (GetObject,
/// PutObject with `If-Match` / `If-None-Match: *`, HeadObject, ListObjectsV2, DeleteObject).
///
/// Calls block their thread; callers wanting concurrency run several at once on their own threads. Every key passed in
/// is checked with `ObjectKey.validate` by the implementation before it touches anything.
public protocol ObjectStore: Sendable {
    /// The object's bytes and ETag, or nil when there is no object under `key`.
    func get(_ key: String) throws(ObjectStoreError) -> StoredObject?

    /// Stores `bytes` under `key` when `condition` holds, atomically with respect to other conditional writers, and
    /// returns the new ETag. Throws `.preconditionFailed` when it does not hold (HTTP 412, and 409
    /// ConditionalRequestConflict, which AWS returns when two conditional writes race): re-read and retry.
    @discardableResult
    func put(_ key: String, _ bytes: Data, contentType: String, condition: WriteCondition) throws(ObjectStoreError) -> String

    /// The object's ETag and size without its bytes, or nil when absent.
    func head(_ key: String) throws(ObjectStoreError) -> ObjectInfo?

    /// Every object whose key starts with `prefix` (plain string prefix, as in S3; "" lists all), across all pages,
    /// sorted by key bytes.
    func list(prefix: String) throws(ObjectStoreError) -> [ObjectInfo]

    /// Removes the object; removing an absent object succeeds, as in S3.
    func delete(_ key: String) throws(ObjectStoreError)
}

/// What must hold for a `put` to happen.
public enum WriteCondition: Sendable, Equatable {
    /// Always write (last writer wins).
    case none
    /// Write only if the current object's ETag is this one (`If-Match`).
    case ifMatch(String)
    /// Write only if there is no object yet (`If-None-Match: *`).
    case ifNoneMatch
}

/// An object's bytes and the ETag they were read with.
public struct StoredObject: Sendable, Equatable {
    public let bytes: Data
    public let etag: String

    public init(bytes: Data, etag: String) {
        self.bytes = bytes
        self.etag = etag
    }
}

/// Why an object store call failed.
public enum ObjectStoreError: Error, Equatable, CustomStringConvertible {
    /// The write's condition did not hold: someone else wrote (or created) the object first. Re-read and retry.
    case preconditionFailed(key: String)
    /// The key (or prefix) is not one the store accepts; nothing was touched.
    case invalidKey(key: String, reason: String)
    /// The store refused the call for good (permissions, a missing bucket, a file where a folder must be).
    case refused(key: String, reason: String)
    /// The store could not be reached or failed on its side (connection errors, HTTP 5xx): worth retrying later.
    case unavailable(reason: String)

    public var description: String {
        switch self {
        case .preconditionFailed(let key): return "could not write \(key): another writer changed or created it first"
        case .invalidKey(let key, let reason): return "invalid object key \(ObjectKey.quoted(key)): \(reason)"
        case .refused(let key, let reason): return "could not use object \(key): \(reason)"
        case .unavailable(let reason): return "object store unavailable: \(reason)"
        }
    }
}

/// The rules every object key obeys, whatever the backend: keys are `/`-separated paths that can be neither escape a
/// `file://` directory nor mean different things to different stores.
public enum ObjectKey {
    /// S3's own limit on a key's length.
    public static let maximumLength = 1024

    /// Checks `key`: not empty, at most 1024 UTF-8 bytes, no leading `/`, no empty, `.` or `..` segment, no segment
    /// starting with `.` (the `file://` store keeps its temp and lock files under such names), no NUL or other
    /// control character.
    public static func validate(_ key: String) throws(ObjectStoreError) {
        guard !key.isEmpty else { throw .invalidKey(key: key, reason: "it is empty") }
        guard key.utf8.count <= maximumLength else { throw .invalidKey(key: key, reason: "it is longer than \(maximumLength) bytes") }
        try validateSegments(key, allowTrailingSlash: false)
    }

    /// Checks a listing prefix: "" or the start of a valid key (its last segment may be partial, or empty after `/`).
    public static func validatePrefix(_ prefix: String) throws(ObjectStoreError) {
        guard !prefix.isEmpty else { return }
        guard prefix.utf8.count <= maximumLength else { throw .invalidKey(key: prefix, reason: "it is longer than \(maximumLength) bytes") }
        try validateSegments(prefix, allowTrailingSlash: true)
    }

    private static func validateSegments(_ key: String, allowTrailingSlash: Bool) throws(ObjectStoreError) {
        if let control = key.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            let name = control.value == 0 ? "NUL" : String(format: "U+%04X", control.value)
            throw .invalidKey(key: key, reason: "it contains the control character \(name)")
        }
        guard !key.hasPrefix("/") else { throw .invalidKey(key: key, reason: "it starts with /") }
        var segments = key.split(separator: "/", omittingEmptySubsequences: false)
        if allowTrailingSlash, segments.last == "" { segments.removeLast() }
        for segment in segments {
            if segment.isEmpty { throw .invalidKey(key: key, reason: "it has an empty path segment") }
            if segment == "." || segment == ".." { throw .invalidKey(key: key, reason: "it has a \(segment) path segment") }
            if segment.hasPrefix(".") { throw .invalidKey(key: key, reason: "its segment \(segment) starts with a dot") }
        }
    }

    /// `key` in double quotes with control characters escaped, for error messages.
    static func quoted(_ key: String) -> String {
        var out = "\""
        for scalar in key.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
