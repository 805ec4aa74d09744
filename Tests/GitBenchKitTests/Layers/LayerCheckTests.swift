import Foundation
import Testing

/// scripts/check-layers is CI's guard on the folder layering; these tests show it catches what it claims to, on a
/// copy of the real sources with one deliberate fault added.
@Suite struct LayerCheckTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A scratch copy of Sources/ and scripts/, removed when the test ends.
    final class SourceCopy {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("layers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for folder in ["Sources", "scripts"] {
                try FileManager.default.copyItem(at: LayerCheckTests.packageRoot.appendingPathComponent(folder),
                                                 to: root.appendingPathComponent(folder))
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Adds `Sources/GitBenchKit/<folder>/<name>` with `text`.
        func add(_ folder: String, _ name: String, _ text: String) throws {
            let file = root.appendingPathComponent("Sources/GitBenchKit").appendingPathComponent(folder).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }

        func check() throws -> (status: Int32, stdout: String, stderr: String) {
            try runProcess("/bin/bash", [root.appendingPathComponent("scripts/check-layers").path])
        }
    }

    @Test func theRepositoryPassesItsOwnCheck() throws {
        let result = try runProcess("/bin/bash", [Self.packageRoot.appendingPathComponent("scripts/check-layers").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("layers: ok ("))
        #expect(result.stderr == "")
    }

    @Test func aPureFolderUsingTheStoreIsADisallowedArrow() throws {
        let copy = try SourceCopy()
        try copy.add("Gate", "Leak.swift", """
            import Foundation

            enum Leak {
                static func rows(_ store: RunStore) -> Int { 0 }
            }

            """)
        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == "layer violation: disallowed arrow Gate -> Store: Sources/GitBenchKit/Gate/Leak.swift:4 uses RunStore\n")
    }

    @Test func anArrowBackUpIsACycleEvenWhenTheTableAllowsIt() throws {
        let copy = try SourceCopy()
        try copy.add("Store", "Upward.swift", """
            extension RunStore {
                func pipeline(home: HarnessHome, console: Console) -> RunPipeline { RunPipeline(store: self, home: home, console: console, host: "h") }
            }

            """)
        let table = copy.root.appendingPathComponent("scripts/layers.txt")
        let text = try String(contentsOf: table, encoding: .utf8).replacingOccurrences(of: "\nStore: Values Home\n", with: "\nStore: Values Home Console Pipeline\n")
        try Data(text.utf8).write(to: table)

        let result = try copy.check()
        #expect(result.status == 1)
        // Pipeline uses Archive and RunDir, which use Store, which now uses Pipeline: one knot of four folders.
        #expect(result.stderr == """
            layer violation: the layer table allows a cycle: Archive <-> Pipeline <-> RunDir <-> Store
            layer violation: cycle between folders: Pipeline <-> RunDir <-> Store

            """)
    }

    @Test func namesInCommentsAndStringsAreNotUses() throws {
        let copy = try SourceCopy()
        try copy.add("Gate", "Prose.swift", #"""
            // A RunStore is never read here.
            enum Prose {
                /* nor a RunPipeline /* nested */ */
                static let text = "RunStore \(1 + 1) and \"Harness\""
                static let block = """
                    RunPipeline
                    """
            }

            """#)
        let result = try copy.check()
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func codeInsideAnInterpolationIsAUse() throws {
        let copy = try SourceCopy()
        try copy.add("Gate", "Interpolated.swift", #"""
            enum Interpolated {
                static func text(_ id: Int64) -> String { "job \(JobQueue.unstartedGrace) \(id)" }
            }

            """#)
        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == """
            layer violation: disallowed arrow Gate -> Pipeline: Sources/GitBenchKit/Gate/Interpolated.swift:2 uses JobQueue
            layer violation: cycle between folders: Gate <-> Notes <-> Pipeline <-> RunDir

            """)
    }

    @Test func chartIsAPureFolderThatNeverTouchesFiles() throws {
        let copy = try SourceCopy()
        try copy.add("Chart", "Saved.swift", """
            import Foundation

            enum Saved {
                static func save(_ svg: String) -> Bool { FileManager.default.createFile(atPath: "/tmp/chart.svg", contents: Data(svg.utf8)) }
            }

            """)
        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == """
            layer violation: Sources/GitBenchKit/Chart/Saved.swift:4: file I/O (FileManager) in the pure folder Chart/

            """)
    }

    @Test func printProcessControlAndFileIOAreRefusedWhereTheyDoNotBelong() throws {
        let copy = try SourceCopy()
        try copy.add("Store", "Chatty.swift", """
            import Glibc

            enum Chatty {
                static func go() { print("hi"); usleep(10) }
            }

            """)
        try copy.add("Report", "Disk.swift", """
            import Foundation

            enum Disk {
                static func read() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: "/etc/hostname")) }
            }

            """)
        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == """
            layer violation: Sources/GitBenchKit/Report/Disk.swift:4: file I/O (contentsOf) in the pure folder Report/
            layer violation: Sources/GitBenchKit/Store/Chatty.swift:4: print( in the library (report through Console, throw an error instead)
            layer violation: Sources/GitBenchKit/Store/Chatty.swift:4: usleep( outside Runner/ (process control belongs to Runner/)

            """)
    }

    @Test func aFolderWithoutItsHeaderFileFails() throws {
        let copy = try SourceCopy()
        try copy.add("Sandbox", "Thing.swift", "enum Thing {}\n")
        let table = copy.root.appendingPathComponent("scripts/layers.txt")
        try Data((try String(contentsOf: table, encoding: .utf8) + "Sandbox: Values\n").utf8).write(to: table)

        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == "layer violation: Sources/GitBenchKit/Sandbox/ has no Sandbox.swift saying what the folder owns and may use\n")
    }

    @Test func aFolderMissingFromTheTableFails() throws {
        let copy = try SourceCopy()
        try copy.add("Sandbox", "Sandbox.swift", "// Sandbox/ owns nothing yet.\n")
        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == "layer violation: Sources/GitBenchKit/Sandbox/Sandbox.swift: folder Sandbox/ is not in the layer table scripts/layers.txt\n")
    }

    @Test func cModulesStayInTheirWrappers() throws {
        let copy = try SourceCopy()
        try copy.add("RunDir", "Inflate.swift", "import CZlib\n")
        let result = try copy.check()
        #expect(result.status == 1)
        #expect(result.stderr == "layer violation: Sources/GitBenchKit/RunDir/Inflate.swift imports CZlib outside Compression/\n")
    }
}
