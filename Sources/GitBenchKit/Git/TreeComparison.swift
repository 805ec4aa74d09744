import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// HEAD's tree against the index entries, in the order both share (git sorts a directory as its name plus "/"):
/// every file must match the next entry's path, mode and id, and the entries must run out with the tree. A
/// directory whose cache-tree id equals the tree's is skipped with the number of entries git recorded for it.
final class TreeComparison {
    private let index: IndexFile
    private let paths: UnsafePointer<UInt8>
    private let ids: UnsafePointer<UInt8>
    private var cursor = 0
    /// Decided: a difference was found.
    private var differs = false
    /// The cache tree disagreed with the entries it claims to cover: let libgit2 decide.
    private var lost = false

    private init(_ index: IndexFile, paths: UnsafePointer<UInt8>, ids: UnsafePointer<UInt8>) {
        self.index = index
        self.paths = paths
        self.ids = ids
    }

    /// true or false when the walk decided; nil when libgit2 should compare.
    static func differs(_ tree: OpaquePointer, _ index: IndexFile, _ failure: (String) -> GitError) throws -> Bool? {
        if let root = index.cachedTrees[[]], let head = git_tree_id(tree) {
            return !withUnsafeBytes(of: head.pointee.id) { $0.elementsEqual(root.id) }
        }
        return try index.paths.withUnsafeBufferPointer { paths in
            try index.ids.withUnsafeBufferPointer { ids in
                guard let pathBase = paths.baseAddress, let idBase = ids.baseAddress else { return nil }
                let comparison = TreeComparison(index, paths: pathBase, ids: idBase)
                let code = withExtendedLifetime(comparison) {
                    git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
                        guard let root, let entry, let payload else { return -1 }
                        return Unmanaged<TreeComparison>.fromOpaque(payload).takeUnretainedValue().visit(root, entry)
                    }, Unmanaged.passUnretained(comparison).toOpaque())
                }
                if comparison.lost { return nil }
                if comparison.differs { return true }
                try check(code, failure)
                return comparison.cursor != index.entries.count
            }
        }
    }

    /// 0 to go on, 1 to skip a directory, -1 to stop.
    private func visit(_ root: UnsafePointer<CChar>, _ entry: OpaquePointer) -> Int32 {
        guard let name = git_tree_entry_name(entry), let id = git_tree_entry_id(entry) else { return stop(lost: true) }
        let rootLength = strlen(root), nameLength = strlen(name)
        if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
            let path = Array(UnsafeRawBufferPointer(start: root, count: rootLength)) + Array(UnsafeRawBufferPointer(start: name, count: nameLength))
            guard let cached = index.cachedTrees[path], withUnsafeBytes(of: id.pointee.id, { $0.elementsEqual(cached.id) }) else { return 0 }
            // The covered entries must be the next ones: all under this directory, and no more.
            let prefix = path + [UInt8(ascii: "/")]
            let end = cursor + cached.entryCount
            guard cached.entryCount > 0, end <= index.entries.count,
                  hasPrefix(index.entries[cursor], prefix), hasPrefix(index.entries[end - 1], prefix),
                  end == index.entries.count || !hasPrefix(index.entries[end], prefix)
            else { return stop(lost: true) }
            cursor += cached.entryCount
            return 1
        }
        guard cursor < index.entries.count else { return stop(lost: false) }
        let next = index.entries[cursor]
        let start = paths + next.pathOffset
        guard next.pathLength == rootLength + nameLength,
              memcmp(start, root, rootLength) == 0, memcmp(start + rootLength, name, nameLength) == 0,
              next.mode == git_tree_entry_filemode(entry).rawValue,
              withUnsafeBytes(of: id.pointee.id, { memcmp(ids + cursor * IndexFile.hashLength, $0.baseAddress!, IndexFile.hashLength) == 0 })
        else { return stop(lost: false) }
        cursor += 1
        return 0
    }

    private func hasPrefix(_ entry: IndexFile.Entry, _ prefix: [UInt8]) -> Bool {
        entry.pathLength > prefix.count && memcmp(paths + entry.pathOffset, prefix, prefix.count) == 0
    }

    private func stop(lost: Bool) -> Int32 {
        if lost { self.lost = true } else { differs = true }
        return -1
    }
}
