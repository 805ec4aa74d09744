import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// The index's path bytes, read by every job while `DirectoryPlan.run` holds them.
struct SharedPaths: @unchecked Sendable {
    let base: UnsafeBufferPointer<UInt8>
}

/// One directory's share of the pass: stat `files` relative to the directory, and (for the first share) list it.
struct ScanJob: Sendable {
    static let filesPerJob = 2048

    var directory: Int
    var files: Range<Int>
    var lists: Bool

    func run(_ plan: DirectoryPlan, root: [UInt8], paths: SharedPaths, indexTime: StatTime) -> DirectoryPlan.Outcome {
        var outcome = DirectoryPlan.Outcome()
        let directory = plan.directories[directory]
        let entries = directory.files[files]
        var full = root + [UInt8(ascii: "/")] + directory.path
        full.append(0)
        let descriptor = full.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            // A directory that is gone (or is now a file) leaves its files missing: each is a change.
            if errno == ENOENT || errno == ENOTDIR { outcome.changed = Array(entries) } else { outcome.unreadable = true }
            return outcome
        }
        let nameStart = directory.path.isEmpty ? 0 : directory.path.count + 1
        for number in entries {
            let entry = plan.index.entries[number]
            let name = UnsafeRawPointer(paths.base.baseAddress! + entry.pathOffset + nameStart).assumingMemoryBound(to: CChar.self)
            var info = stat()
            if fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) != 0 || !Self.matches(entry, info, indexTime: indexTime) {
                outcome.changed.append(number)
            }
        }
        guard lists else {
            close(descriptor)
            return outcome
        }
        guard let stream = fdopendir(descriptor) else {
            close(descriptor)
            outcome.unreadable = true
            return outcome
        }
        defer { closedir(stream) }
        listAndCompare(stream, directory, plan, paths: paths, into: &outcome)
        return outcome
    }

    /// Counts the directory's files and subdirectories; when the counts differ from the index's, compares name by
    /// name. Equal counts leave no room for a stranger: every expected name that exists was counted, and one that
    /// is missing is already a change from the stat pass.
    private func listAndCompare(_ stream: OpaquePointer, _ directory: DirectoryPlan.Directory, _ plan: DirectoryPlan, paths: SharedPaths,
                                into outcome: inout DirectoryPlan.Outcome) {
        let isRoot = directory.path.isEmpty
        var listed: [(name: [UInt8], isDirectory: Bool)] = []
        var fileCount = 0, directoryCount = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [46] || name == [46, 46] || (isRoot && name == Array(".git".utf8)) { continue }
            var isDirectory = Int32(entry.pointee.d_type) == DT_DIR
            if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isDirectory = name.withUnsafeBufferPointer { bytes in
                    var text = Array(bytes) + [0]
                    return text.withUnsafeMutableBufferPointer {
                        fstatat(dirfd(stream), UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &info, AT_SYMLINK_NOFOLLOW) == 0
                    } && info.st_mode & S_IFMT == S_IFDIR
                }
            }
            if isDirectory { directoryCount += 1 } else { fileCount += 1 }
            listed.append((name, isDirectory))
        }
        if fileCount == directory.files.count && directoryCount == directory.subdirectories.count { return }

        let prefix = isRoot ? [] : directory.path + [UInt8(ascii: "/")]
        let nameStart = prefix.count
        let files = Set(directory.files.map { number -> [UInt8] in
            let entry = plan.index.entries[number]
            return Array(paths.base[(entry.pathOffset + nameStart)..<(entry.pathOffset + entry.pathLength)])
        })
        let subdirectories = Set(directory.subdirectories)
        for (name, isDirectory) in listed {
            let path = String(validating: prefix + name, as: UTF8.self)
            if files.contains(name) {
                continue  // a changed type shows in the stat pass
            } else if subdirectories.contains(name) {
                if !isDirectory { outcome.wrongType.append(path) }
            } else {
                outcome.strangers.append(path)
            }
        }
    }

    /// The fields git compares (stricter than `core.checkStat = minimal`), plus the file type and executable bit.
    /// An entry modified in the same instant the index was written may match by stat yet differ in content
    /// ("racily clean"): such entries never match here, so libgit2 reads them, as git does.
    private static func matches(_ entry: IndexFile.Entry, _ info: stat, indexTime: StatTime) -> Bool {
        let type = info.st_mode & S_IFMT
        let mode: UInt32 = type == S_IFLNK ? 0o120000 : type == S_IFREG ? (info.st_mode & 0o100 != 0 ? 0o100755 : 0o100644) : 0
        return entry.mtime < indexTime && mode == entry.mode
            && StatTime(info.st_mtim) == entry.mtime && StatTime(info.st_ctim) == entry.ctime
            && UInt32(truncatingIfNeeded: info.st_ino) == entry.inode
            && info.st_uid == entry.uid && info.st_gid == entry.gid
            && UInt32(truncatingIfNeeded: info.st_size) == entry.size
    }
}
