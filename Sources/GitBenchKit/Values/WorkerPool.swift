import Foundation

/// A bounded pool of threads for independent work items: uploads and downloads (bounded by requests in flight) and
/// the reports' verdicts (bounded by cores).
public enum WorkerPool {
    /// `body(item)` for every item, at most `limit` at a time; each result is its value or the error it threw, in the
    /// items' order.
    public static func map<Item: Sendable, Value: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) throws -> Value
    ) -> [Result<Value, any Error>] {
        map(items, concurrency: limit) { item in Result { try body(item) } }
    }

    /// `body` of every item, at most `concurrency` at a time on threads of their own, in the order given.
    public static func map<Item: Sendable, Output: Sendable>(_ items: [Item], concurrency: Int, _ body: @escaping @Sendable (Item) -> Output) -> [Output] {
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
