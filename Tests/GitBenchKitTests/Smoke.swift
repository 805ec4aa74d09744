import Testing
@testable import GitBenchKit
@Test func versionIsSet() { #expect(GitBench.version == "0.1.0") }
