import Foundation

/// One object waiting to be written.
public struct PendingObject: Sendable, Equatable {
    public let key: String
    public let bytes: Data
    public let contentType: String
    public let condition: WriteCondition

    public init(key: String, bytes: Data, contentType: String, condition: WriteCondition = .none) {
        self.key = key
        self.bytes = bytes
        self.contentType = contentType
        self.condition = condition
    }
}

/// Writes many objects at once on a bounded number of threads of their own: uploads wait on the network, not on the
/// CPU, so the bound is the number of requests in flight, not the core count.
public enum ObjectBatch {
    /// Puts every object, at most `concurrency` at a time, and returns each one's outcome (its new ETag or its error)
    /// in the order given. One failure does not stop the others. `finished` is called (on a worker thread) after each.
    public static func put(_ objects: [PendingObject], to store: any ObjectStore, concurrency: Int = 8,
                           finished report: (@Sendable () -> Void)? = nil) -> [Result<String, ObjectStoreError>] {
        WorkerPool.map(objects, concurrency: concurrency) { object in
            defer { report?() }
            do throws(ObjectStoreError) {
                return .success(try store.put(object.key, object.bytes, contentType: object.contentType, condition: object.condition))
            } catch {
                return .failure(error)
            }
        }
    }
}
