import Foundation

/// Runs blocking work (HTTP requests) on at most `limit` threads at once: enough to keep several uploads in flight
/// without opening a connection per object.
public enum WorkerPool {
    /// `body(item)` for every item, at most `limit` at a time; the results come back in the items' order, each one its
    /// value or the error it threw. Returns when every item is done.
    public static func map<Item: Sendable, Value: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) throws -> Value
    ) -> [Result<Value, any Error>] {
        let board = Board<Value>(count: items.count)
        let group = DispatchGroup()
        for _ in 0..<min(max(1, limit), items.count) {
            group.enter()
            let worker = Thread {
                defer { group.leave() }
                while let index = board.claim() {
                    board.record(index, Result { try body(items[index]) })
                }
            }
            worker.start()
        }
        group.wait()
        return board.results()
    }
}

/// The shared to-do counter and result slots of one `map`.
private final class Board<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [Result<Value, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func record(_ index: Int, _ result: Result<Value, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// Every slot, once all workers have finished.
    func results() -> [Result<Value, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
