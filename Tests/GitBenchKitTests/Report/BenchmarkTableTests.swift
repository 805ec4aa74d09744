import Foundation
import Testing
@testable import GitBenchKit

/// The table `list` prints, and the listing it draws.
@Suite struct BenchmarkTableTests {
    static let listing = ProjectListing(project: "Sample", path: "/src/sample", benchmarks: [
        ListedBenchmark(name: "quality", tier: .quality, repetitions: 6, threads: 1, gpu: .none, corpus: .notApplicable),
        ListedBenchmark(name: "speed", tier: .performance, repetitions: 12, threads: 16, gpu: .direct, corpus: .ok),
        ListedBenchmark(name: "summarize_long", tier: .correctness, repetitions: 1, threads: 1, gpu: .ollama, corpus: .drift),
    ])

    /// The same listing once quality has a baseline and summarize_long a reference.
    static var measured: ProjectListing {
        var listing = listing
        listing.benchmarks[0].baselineCommit = .test("1bf07e1945")
        listing.benchmarks[0].baselineRuns = 6
        listing.benchmarks[2].referenceHash = "sha256:3f1c0a9e22b7" + String(repeating: "0", count: 52)
        return listing
    }

    @Test func theNameColumnIsAsWideAsTheLongestNameAndTheOthersAreFixed() {
        #expect(BenchmarkTable.render(Self.listing) == """
            Sample  /src/sample
              benchmark       tier         reps  threads  gpu     corpus  baseline
              quality         quality      6     1        none    n/a     none
              speed           performance  12    16       direct  ok      none
              summarize_long  correctness  1     1        ollama  drift   no reference

            """)
    }

    @Test func theBaselineColumnShowsTheCommitAndItsOkRunsOrTheReference() {
        #expect(BenchmarkTable.render(Self.measured) == """
            Sample  /src/sample
              benchmark       tier         reps  threads  gpu     corpus  baseline
              quality         quality      6     1        none    n/a     1bf07e1945 n=6
              speed           performance  12    16       direct  ok      none
              summarize_long  correctness  1     1        ollama  drift   reference 3f1c0a9e22b7

            """)
    }

    @Test func shortNamesKeepTheHeaderWidth() {
        let listing = ProjectListing(project: "P", path: "/p", benchmarks: [
            ListedBenchmark(name: "q", tier: .quality, repetitions: 2, threads: 1, gpu: .none, corpus: .missing),
        ])
        #expect(BenchmarkTable.render(listing) == """
            P  /p
              benchmark  tier         reps  threads  gpu     corpus  baseline
              q          quality      2     1        none    missing none

            """)
    }

    @Test func anUnusableCorpusWidensTheCorpusColumn() {
        let listing = ProjectListing(project: "P", path: "/p", benchmarks: [
            ListedBenchmark(name: "q", tier: .quality, repetitions: 2, threads: 1, gpu: .none, corpus: .unusable),
            ListedBenchmark(name: "r", tier: .quality, repetitions: 2, threads: 1, gpu: .none, corpus: .missing),
        ])
        #expect(BenchmarkTable.render(listing) == """
            P  /p
              benchmark  tier         reps  threads  gpu     corpus   baseline
              q          quality      2     1        none    unusable none
              r          quality      2     1        none    missing  none

            """)
    }

    @Test func theListingsJSONKeepsTheNamesAndRawValuesOfListJSON() throws {
        let listing = ProjectListing(project: "P", path: "/p", benchmarks: [
            ListedBenchmark(name: "q", tier: .quality, repetitions: 2, threads: 1, gpu: .none, corpus: .notApplicable),
        ])
        #expect(try JSONDocument.render(listing) == """
            {
              "benchmarks" : [
                {
                  "corpus" : "n/a",
                  "gpu" : "none",
                  "name" : "q",
                  "repetitions" : 2,
                  "threads" : 1,
                  "tier" : "quality"
                }
              ],
              "path" : "/p",
              "project" : "P"
            }

            """)
    }
}
