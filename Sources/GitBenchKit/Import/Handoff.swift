import Foundation

/// Passes chunks of values from one producing thread to one consuming thread, at most `capacity` chunks in flight:
/// an import reads and maps benchstone rows on one core while the store hashes and writes them on the other.
final class Handoff<Element: Sendable>: @unchecked Sendable {  // `condition` guards every stored var.
    private let condition = NSCondition()
    private let capacity: Int
    private var chunks: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Producer: queues `chunk`, waiting while the queue is full. False once the consumer has stopped: produce no more.
    func put(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// Producer: no more chunks; `error` is what stopped it early, handed to the consumer after the queued chunks.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// Consumer: the next chunk, or nil when the producer finished. Throws the producer's error, after its chunks.
    func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: takes no more; a producer waiting in `put` returns false.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        chunks.removeAll()
        condition.broadcast()
    }
}
