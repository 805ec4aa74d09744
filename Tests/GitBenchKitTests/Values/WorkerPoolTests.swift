import Foundation
import Testing

@testable import GitBenchKit

/// The worker pool on its own: every item once, results in order, errors kept per item.
@Suite struct WorkerPoolTests {
    struct Odd: Error, Equatable { let value: Int }

    @Test func everyItemRunsOnceAndResultsKeepTheItemsOrder() {
        let results = WorkerPool.map(Array(0..<50), limit: 4) { value throws -> Int in
            if value % 2 == 1 { throw Odd(value: value) }
            return value * 10
        }
        #expect(results.count == 50)
        for (index, result) in results.enumerated() {
            switch result {
            case let .success(value): #expect(index % 2 == 0 && value == index * 10)
            case let .failure(error): #expect(error as? Odd == Odd(value: index))
            }
        }
        #expect(WorkerPool.map([Int](), limit: 4) { $0 }.isEmpty)
    }
}
