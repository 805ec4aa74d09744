import Foundation

/// `s3://BUCKET` on any S3-compatible server (R2, AWS S3, MinIO, moto) through `S3Client`: the `ObjectStore` contract,
/// the same as `file://`. The client retries 5xx and connection failures itself; what still fails maps to
/// `.unavailable`, a refusal (403, a missing bucket) to `.refused`, and 412/409 to `.preconditionFailed`.
public struct S3ObjectStore: ObjectStore {
    public let client: S3Client

    public init(client: S3Client) {
        self.client = client
    }

    public func get(_ key: String) throws(ObjectStoreError) -> StoredObject? {
        try ObjectKey.validate(key)
        do {
            let object = try client.get(key)
            return StoredObject(bytes: object.body, etag: object.etag)
        } catch {
            if case .notFound(_, .some) = error { return nil }
            throw Self.storeError(error, key: key)
        }
    }

    @discardableResult
    public func put(_ key: String, _ bytes: Data, contentType: String, condition: WriteCondition) throws(ObjectStoreError) -> String {
        try ObjectKey.validate(key)
        let s3Condition: S3WriteCondition = switch condition {
        case .none: .none
        case .ifMatch(let etag): .ifMatch(etag)
        case .ifNoneMatch: .createOnly
        }
        do {
            return try client.put(key, body: bytes, contentType: contentType, condition: s3Condition)
        } catch {
            // A conditional write to a key that does not exist yet is answered 404 by some servers instead of 412.
            if case .notFound(_, .some) = error, case .ifMatch = condition { throw .preconditionFailed(key: key) }
            throw Self.storeError(error, key: key)
        }
    }

    public func head(_ key: String) throws(ObjectStoreError) -> ObjectInfo? {
        try ObjectKey.validate(key)
        do {
            return try client.head(key)
        } catch {
            if case .notFound(_, .some) = error { return nil }
            throw Self.storeError(error, key: key)
        }
    }

    public func list(prefix: String) throws(ObjectStoreError) -> [ObjectInfo] {
        try ObjectKey.validatePrefix(prefix)
        do {
            return try client.list(prefix: prefix)
                .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        } catch {
            throw Self.storeError(error, key: prefix)
        }
    }

    public func delete(_ key: String) throws(ObjectStoreError) {
        try ObjectKey.validate(key)
        do {
            try client.delete(key)
        } catch {
            if case .notFound(_, .some) = error { return }
            throw Self.storeError(error, key: key)
        }
    }

    /// The store-level meaning of a client error; the description carries the client's own (secret-free) message.
    static func storeError(_ error: S3Error, key: String) -> ObjectStoreError {
        switch error {
        case .preconditionFailed:
            return .preconditionFailed(key: key)
        case .unreachable:
            return .unavailable(reason: error.description)
        case .requestFailed(_, _, _, let status, _, _) where status >= 500:
            return .unavailable(reason: error.description)
        case .notFound, .accessDenied, .requestFailed, .malformedResponse, .invalidEndpoint:
            return .refused(key: key, reason: error.description)
        }
    }
}
