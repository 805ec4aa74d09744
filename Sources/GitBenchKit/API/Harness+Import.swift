import Foundation

extension Harness {
    /// Imports a benchstone store into this harness's store and home (`BenchstoneImporter.importStore(_:references:)`).
    public func importBenchstone(store storeFile: URL, references: URL? = nil) throws -> BenchstoneImportReport {
        try BenchstoneImporter(store: store, home: home, host: host).importStore(storeFile, references: references)
    }
}
