import Foundation
import Testing

/// scripts/demo, run with the built binary: its closing line names only what is still there once it has exited.
@Suite struct DemoScriptTests {
    static let demo = LibraryExampleTests.packageRoot.appendingPathComponent("scripts/demo").path

    /// Runs the demo with its temp files under a fresh directory; returns the exit status, the last line of its output
    /// and that directory.
    static func runDemo(_ arguments: [String] = [], home: URL? = nil) throws -> (status: Int32, lastLine: String, scratch: TestRepo) {
        let scratch = try TestRepo()
        var environment = scratch.environment
        environment["TMPDIR"] = scratch.root.path
        environment["GIT_BENCH_DEMO_BINARY"] = BenchFixture.binary
        environment["GIT_BENCH_HOME"] = home?.path
        let result = try runProcess("/bin/bash", [demo] + arguments, environment: environment, currentDirectory: scratch.root)
        let lastLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return (result.status, lastLine, scratch)
    }

    /// The demo's temp directories that still exist under `scratch`.
    static func leftovers(_ scratch: TestRepo) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.root.path).filter { $0.hasPrefix("git-bench-demo.") }
    }

    @Test func byDefaultItSaysTheTemporaryStoreIsGoneAndItIs() throws {
        let (status, lastLine, scratch) = try Self.runDemo()
        #expect(status == 0)
        #expect(lastLine == "demo finished: the sample project and its store were temporary and are removed (scripts/demo --keep keeps them)")
        #expect(try Self.leftovers(scratch) == [])
    }

    @Test func withKeepTheStoreItNamesIsStillThere() throws {
        let (status, lastLine, scratch) = try Self.runDemo(["--keep"])
        #expect(status == 0)
        let work = try #require(try Self.leftovers(scratch).first)
        let store = scratch.root.appendingPathComponent(work).appendingPathComponent("home/store.sqlite3").path
        #expect(lastLine.hasPrefix("demo finished: kept the sample project "), "\(lastLine)")
        #expect(lastLine.contains(" and its store \(store) "), "\(lastLine)")
        #expect(FileManager.default.fileExists(atPath: store))
        try FileManager.default.removeItem(at: scratch.root.appendingPathComponent(work))
    }

    @Test func withItsOwnHomeTheRunsStayThere() throws {
        let home = try TestRepo()
        let store = home.root.appendingPathComponent("bench-home/store.sqlite3")
        let (status, lastLine, scratch) = try Self.runDemo(home: store.deletingLastPathComponent())
        #expect(status == 0)
        #expect(lastLine == "demo finished: the runs stay in your store \(store.path); the sample project is removed")
        #expect(FileManager.default.fileExists(atPath: store.path))
        #expect(try Self.leftovers(scratch) == [])
    }

    @Test func anUnknownArgumentIsAUsageError() throws {
        let (status, _, _) = try Self.runDemo(["--keeep"])
        #expect(status == 64)
    }
}
