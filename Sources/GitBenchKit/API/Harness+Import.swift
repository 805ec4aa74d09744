import Foundation

extension Harness {
    /// Imports a benchstone store into this harness's store and home
    /// (`BenchstoneImporter.importStore(_:references:progress:)`).
    public func importBenchstone(store storeFile: URL, references: URL? = nil,
                                 progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> BenchstoneImportReport {
        try BenchstoneImporter(store: store, home: home, host: host).importStore(storeFile, references: references, progress: progress)
    }
}
