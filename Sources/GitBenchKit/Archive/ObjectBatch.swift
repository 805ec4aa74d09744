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
        map(objects, concurrency: concurrency) { object in
            defer { report?() }
            do throws(ObjectStoreError) {
                return .success(try store.put(object.key, object.bytes, contentType: object.contentType, condition: object.condition))
            } catch {
                return .failure(error)
            }
        }
    }

    /// `body` of every item, at most `concurrency` at a time on threads of their own, in the order given: the one pool
    /// behind uploads, manifest reads and downloads, which all wait on the store.
    static func map<Item: Sendable, Output: Sendable>(_ items: [Item], concurrency: Int, _ body: @escaping @Sendable (Item) -> Output) -> [Output] {
        guard !items.isEmpty else { return [] }
        let slots = Slots<Output>(count: items.count)
        let finished = DispatchGroup()
        for _ in 0..<max(1, min(concurrency, items.count)) {
            finished.enter()
            Thread {
                while let index = slots.next() { slots.finish(index, body(items[index])) }
                finished.leave()
            }.start()
        }
        finished.wait()
        return slots.results
    }

    /// The next index to work on and the outputs so far, shared by the workers.
    private final class Slots<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var outputs: [Output?]

        init(count: Int) { outputs = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.withLock {
                guard nextIndex < outputs.count else { return nil }
                defer { nextIndex += 1 }
                return nextIndex
            }
        }

        func finish(_ index: Int, _ output: Output) { lock.withLock { outputs[index] = output } }

        /// Read only after every worker finished, when each slot is filled.
        var results: [Output] { lock.withLock { outputs.compactMap { $0 } } }
    }
}
