/// One stored object as a listing or a HEAD reports it, for `S3Client` and every `ObjectStore` alike. `etag` is as the
/// store gave it (quotes included), ready for `If-Match`.
public struct ObjectInfo: Sendable, Equatable {
    public let key: String
    public let etag: String
    public let size: Int

    public init(key: String, etag: String, size: Int) {
        self.key = key
        self.etag = etag
        self.size = size
    }
}
