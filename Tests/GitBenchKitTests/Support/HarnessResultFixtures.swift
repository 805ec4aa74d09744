import Foundation

extension TestRepo {
    /// Copies the harness result fixture `name` (Fixtures/harness-results/) to `relative` in the work tree, with a fixed
    /// modification time (2026-05-08T10:03:12Z), which dates its archive key.
    func copyHarnessResult(_ name: String, to relative: String) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contentsOf: HarnessResultTests.fixtures.appendingPathComponent(name)).write(to: target)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_778_234_592)], ofItemAtPath: target.path)
    }
}
