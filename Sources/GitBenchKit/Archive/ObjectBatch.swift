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
        guard !objects.isEmpty else { return [] }
        let queue = WorkQueue(count: objects.count)
        let workers = max(1, min(concurrency, objects.count))
        let finished = DispatchGroup()
        for _ in 0..<workers {
            finished.enter()
            Thread {
                while let index = queue.next() {
                    let object = objects[index]
                    do throws(ObjectStoreError) {
                        queue.finish(index, .success(try store.put(object.key, object.bytes, contentType: object.contentType, condition: object.condition)))
                    } catch {
                        queue.finish(index, .failure(error))
                    }
                    report?()
                }
                finished.leave()
            }.start()
        }
        finished.wait()
        return queue.results
    }

    /// The next index to work on and the outcomes so far, shared by the workers.
    private final class WorkQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var outcomes: [Result<String, ObjectStoreError>?]

        init(count: Int) {
            outcomes = Array(repeating: nil, count: count)
        }

        func next() -> Int? {
            lock.withLock {
                guard nextIndex < outcomes.count else { return nil }
                defer { nextIndex += 1 }
                return nextIndex
            }
        }

        func finish(_ index: Int, _ outcome: Result<String, ObjectStoreError>) {
            lock.withLock { outcomes[index] = outcome }
        }

        /// Every outcome; only read after all workers have finished, when each slot is filled.
        var results: [Result<String, ObjectStoreError>] {
            lock.withLock { outcomes.map { $0 ?? .failure(.unavailable(reason: "not attempted")) } }
        }
    }
}
