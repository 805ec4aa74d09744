import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The tracked directories, each with the index entries directly in it and how many subdirectories it should hold.
struct DirectoryPlan {
    struct Directory {
        /// Relative to the root, without a trailing slash; empty for the root.
        var path: [UInt8]
        var files: [Int] = []
        var subdirectories: [[UInt8]] = []
    }

    /// What the parallel pass found.
    struct Outcome {
        /// Entries whose stat data differs, or that are missing or racily clean.
        var changed: [Int] = []
        /// Tracked names that are now of another type (a directory replaced by a symlink, say); nil when not UTF-8.
        var wrongType: [String?] = []
        /// Names no entry accounts for; nil when not UTF-8.
        var strangers: [String?] = []
        /// A directory could not be read: the scan cannot decide.
        var unreadable = false
    }

    let index: IndexFile
    private(set) var directories: [Directory] = []

    init(_ index: IndexFile) {
        self.index = index
        var positions: [[UInt8]: Int] = [:]
        var previous: (parent: ArraySlice<UInt8>, position: Int)?
        func position(of directory: ArraySlice<UInt8>) -> Int {
            if let known = positions[Array(directory)] { return known }
            if !directory.isEmpty {
                let slash = directory.lastIndex(of: UInt8(ascii: "/"))
                let parent = position(of: directory[directory.startIndex..<(slash ?? directory.startIndex)])
                directories[parent].subdirectories.append(Array(directory[(slash.map { $0 + 1 } ?? directory.startIndex)...]))
            }
            directories.append(Directory(path: Array(directory)))
            positions[Array(directory)] = directories.count - 1
            return directories.count - 1
        }
        _ = position(of: [])
        for (number, entry) in index.entries.enumerated() {
            let path = index.paths[entry.pathOffset..<(entry.pathOffset + entry.pathLength)]
            let parent = path[path.startIndex..<(path.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex)]
            // The index is sorted by path, so an entry's neighbour usually shares its directory.
            if let previous, previous.parent.elementsEqual(parent) {
                directories[previous.position].files.append(number)
                continue
            }
            let found = position(of: parent)
            directories[found].files.append(number)
            previous = (parent, found)
        }
    }

    func path(of entry: Int) -> String? {
        let entry = index.entries[entry]
        return String(validating: index.paths[entry.pathOffset..<(entry.pathOffset + entry.pathLength)], as: UTF8.self)
    }

    /// Stats every entry and lists every directory, a job per directory (large ones split), on all cores.
    func run(root: String, indexTime: StatTime) -> Outcome {
        let jobs = directories.indices.flatMap { directory in
            let files = directories[directory].files
            return stride(from: 0, to: max(files.count, 1), by: ScanJob.filesPerJob).map { start in
                ScanJob(directory: directory, files: start..<min(start + ScanJob.filesPerJob, files.count), lists: start == 0)
            }
        }
        let outcome = Mutex(Outcome())
        let rootBytes = Array(root.utf8)
        index.paths.withUnsafeBufferPointer { paths in
            let shared = SharedPaths(base: paths)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { number in
                let found = jobs[number].run(self, root: rootBytes, paths: shared, indexTime: indexTime)
                outcome.withLock { total in
                    total.changed += found.changed
                    total.wrongType += found.wrongType
                    total.strangers += found.strangers
                    total.unreadable = total.unreadable || found.unreadable
                }
            }
        }
        return outcome.withLock { $0 }
    }
}
