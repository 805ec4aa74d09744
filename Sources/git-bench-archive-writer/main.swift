// One archiver of DayManifestUpdaterTests' many-process race: waits until the file GO exists (so all start together),
// then records COUNT runs numbered from FIRST on day 2026-05-08 of the file:// archive DIR. Not installed.
//
// Usage: git-bench-archive-writer DIR GO FIRST COUNT
import Foundation
import GitBenchKit

let arguments = CommandLine.arguments
guard arguments.count == 5, let first = Int(arguments[3]), let count = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: git-bench-archive-writer DIR GO FIRST COUNT\n".utf8))
    exit(64)
}
let go = arguments[2]
while !FileManager.default.fileExists(atPath: go) { Thread.sleep(forTimeInterval: 0.001) }

let updater = DayManifestUpdater(store: FileObjectStore(root: URL(fileURLWithPath: arguments[1])))
for index in first..<(first + count) {
    let resultKey = "runs/2026-05-08/race/parse/results-20260508T\(String(format: "%06d", index))Z-dirty.json.gz"
    var entry = ManifestEntry(date: "2026-05-08", stage: "race", bench: "parse", sha: "dirty", harness: "git-bench",
                              uploadedAt: String(format: "2026-05-08T15:00:%02dZ", index % 60), resultKey: resultKey,
                              overall: Double(index) / 1000, categories: [:], nQuestions: nil, judge: nil, model: nil)
    entry.runSetID = "bench_00000000_20260508_\(String(format: "%06d", index))"
    do {
        try updater.record(entry)
    } catch {
        FileHandle.standardError.write(Data("run \(index): \(error)\n".utf8))
        exit(70)
    }
}
