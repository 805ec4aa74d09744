import Foundation

/// The parts of git's index file (gitformat-index(5), versions 2 to 4) the dirty check needs, read directly.
/// libgit2 spends most of its time on a large index building a path map and verifying the checksum, neither of
/// which a stat comparison needs (git itself skips the checksum when reading). Anything unexpected — another
/// version, a required extension such as a split or sparse index, a truncated file — makes `read` return nil,
/// and the caller falls back to libgit2.
struct IndexFile {
    struct Entry {
        /// Where the NUL-terminated path starts in `paths`, and its length without the NUL.
        var pathOffset: Int
        var pathLength: Int
        var ctime: StatTime
        var mtime: StatTime
        var inode: UInt32
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
        var size: UInt32
        /// 0 for a normal entry, 1-3 for the sides of a conflict.
        var stage: Int
        /// Assume-unchanged, skip-worktree or intent-to-add: entries whose stat data does not tell the story.
        var isSpecial: Bool
    }

    /// A directory's tree as the cache-tree (`TREE`) extension records it, when git kept it valid.
    struct CachedTree: Equatable {
        /// How many index entries the tree covers.
        var entryCount: Int
        var id: [UInt8]
    }

    var entries: [Entry] = []
    /// Every entry's path, each followed by a NUL.
    var paths: [UInt8] = []
    /// Every entry's blob id, `hashLength` bytes each, in entry order.
    var ids: [UInt8] = []
    /// The valid cache-tree entries by directory path (the root is empty).
    var cachedTrees: [[UInt8]: CachedTree] = [:]

    static let hashLength = 20

    static func read(at path: String) -> IndexFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.withUnsafeBytes { parse(UnsafeRawBufferPointer($0)) }
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> IndexFile? {
        var reader = Reader(bytes: bytes, end: bytes.count - hashLength)
        guard bytes.count >= 12 + hashLength, reader.take(4) == Array("DIRC".utf8),
              let version = reader.uint32(), (2...4).contains(version), let count = reader.uint32() else { return nil }
        var index = IndexFile()
        // An entry takes at least 62 bytes: a corrupt count must not ask for more memory than the file could describe.
        let plausible = min(Int(count), bytes.count / 62)
        index.entries.reserveCapacity(plausible)
        index.ids.reserveCapacity(plausible * hashLength)
        var previous: Range<Int> = 0..<0
        for _ in 0..<count {
            let start = reader.offset
            guard let ctimeSeconds = reader.uint32(), let ctimeNanoseconds = reader.uint32(),
                  let mtimeSeconds = reader.uint32(), let mtimeNanoseconds = reader.uint32(),
                  reader.uint32() != nil, let inode = reader.uint32(), let mode = reader.uint32(),
                  let uid = reader.uint32(), let gid = reader.uint32(), let size = reader.uint32(),
                  let id = reader.slice(hashLength), let flags = reader.uint16()
            else { return nil }
            index.ids.append(contentsOf: id)
            var extended: UInt16 = 0
            if flags & 0x4000 != 0 {
                guard version >= 3, let value = reader.uint16() else { return nil }
                extended = value
            }
            let offset = index.paths.count
            if version == 4 {
                // The path drops N bytes from the end of the previous one and appends the rest.
                guard let strip = reader.varint(), strip <= previous.count, let suffix = reader.cString() else { return nil }
                // Copied out first: appending a slice of `paths` to itself would copy the whole array every entry.
                let kept = Array(index.paths[previous.lowerBound..<(previous.upperBound - strip)])
                index.paths.append(contentsOf: kept)
                index.paths.append(contentsOf: suffix)
            } else {
                guard let name = reader.cString() else { return nil }
                index.paths.append(contentsOf: name)
                // 1 to 8 NULs pad the entry to a multiple of 8 bytes.
                let padded = (reader.offset - 1 - start + 8) & ~7
                guard reader.skip(to: start + padded) else { return nil }
            }
            previous = offset..<index.paths.count
            index.paths.append(0)
            index.entries.append(Entry(
                pathOffset: offset, pathLength: previous.count,
                ctime: StatTime(seconds: ctimeSeconds, nanoseconds: ctimeNanoseconds),
                mtime: StatTime(seconds: mtimeSeconds, nanoseconds: mtimeNanoseconds),
                inode: inode, mode: mode, uid: uid, gid: gid, size: size, stage: Int(flags >> 12) & 3,
                isSpecial: flags & 0x8000 != 0 || extended & 0x6000 != 0))
        }

        while reader.offset < reader.end {
            guard let signature = reader.take(4), let length = reader.uint32(), let body = reader.take(Int(length)) else { return nil }
            // An extension whose name starts with a capital letter is optional; any other must be understood.
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(signature[0]) else { return nil }
            if signature == Array("TREE".utf8) { index.cachedTrees = cachedTrees(body) }
        }
        return index
    }

    /// The cache-tree entries, depth first from the root: a name, the number of index entries covered (-1 when
    /// invalidated), the number of subtrees, then the tree id when valid. Malformed data yields no entries.
    private static func cachedTrees(_ body: [UInt8]) -> [[UInt8]: CachedTree] {
        var trees: [[UInt8]: CachedTree] = [:]
        var offset = 0
        func number(until terminator: UInt8) -> Int? {
            guard let end = body[offset...].firstIndex(of: terminator), let value = Int(String(decoding: body[offset..<end], as: UTF8.self))
            else { return nil }
            offset = end + 1
            return value
        }
        func node(parent: [UInt8]?) -> Bool {
            guard let nul = body[offset...].firstIndex(of: 0) else { return false }
            let name = Array(body[offset..<nul])
            offset = nul + 1
            let path = parent.map { $0.isEmpty ? name : $0 + [UInt8(ascii: "/")] + name } ?? []
            guard let covered = number(until: UInt8(ascii: " ")), let subtrees = number(until: UInt8(ascii: "\n")), subtrees >= 0
            else { return false }
            if covered >= 0 {
                guard offset + hashLength <= body.count else { return false }
                trees[path] = CachedTree(entryCount: covered, id: Array(body[offset..<(offset + hashLength)]))
                offset += hashLength
            }
            return (0..<subtrees).allSatisfy { _ in node(parent: path) }
        }
        return node(parent: nil) ? trees : [:]
    }
}

/// Seconds and nanoseconds, truncated to 32 bits as the index stores them.
struct StatTime: Equatable, Comparable {
    var seconds: UInt32
    var nanoseconds: UInt32

    init(seconds: UInt32, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ time: timespec) {
        seconds = UInt32(truncatingIfNeeded: time.tv_sec)
        nanoseconds = UInt32(truncatingIfNeeded: time.tv_nsec)
    }

    static func < (lhs: StatTime, rhs: StatTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

/// Big-endian fields from a byte buffer, refusing to read past `end`.
private struct Reader {
    let bytes: UnsafeRawBufferPointer
    let end: Int
    private(set) var offset = 0

    init(bytes: UnsafeRawBufferPointer, end: Int) {
        self.bytes = bytes
        self.end = end
    }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, offset + count <= end else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func slice(_ count: Int) -> UnsafeRawBufferPointer.SubSequence? {
        guard offset + count <= end else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func skip(to position: Int) -> Bool {
        guard position <= end, bytes[offset..<position].allSatisfy({ $0 == 0 }) else { return false }
        offset = position
        return true
    }

    mutating func uint32() -> UInt32? {
        guard offset + 4 <= end else { return nil }
        defer { offset += 4 }
        return (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    mutating func uint16() -> UInt16? {
        guard offset + 2 <= end else { return nil }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    /// The bytes up to the next NUL, which is consumed.
    mutating func cString() -> UnsafeRawBufferPointer.SubSequence? {
        guard let nul = bytes[offset..<end].firstIndex(of: 0) else { return nil }
        defer { offset = nul + 1 }
        return bytes[offset..<nul]
    }

    /// git's offset varint (varint.c): seven bits a byte, most significant first, each continuation adding one.
    mutating func varint() -> Int? {
        guard offset < end else { return nil }
        var byte = bytes[offset]
        offset += 1
        var value = Int(byte & 127)
        while byte & 128 != 0 {
            guard offset < end, value < Int.max >> 8 else { return nil }
            byte = bytes[offset]
            offset += 1
            value = ((value + 1) << 7) | Int(byte & 127)
        }
        return value
    }
}
