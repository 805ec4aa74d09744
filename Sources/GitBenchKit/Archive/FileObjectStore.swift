import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `file://DIR` object store, the default (`$GIT_BENCH_HOME/archive/{private,public}`): key `a/b/c` is the file
/// `DIR/a/b/c`.
///
/// - Every key is validated first (`ObjectKey.validate`), so no key reaches outside `DIR`.
/// - Files are 0600 and folders 0700, written as a temp file + rename, so a reader sees the old bytes or the new, never
///   a part.
/// - The ETag is the quoted SHA-256 hex of the bytes (S3 uses MD5; callers only compare ETags for equality).
/// - Every write and delete holds an exclusive `flock` on `DIR/.locks/<sha256 of key>` while it checks its condition
///   and renames, so conditional writes are atomic across threads and processes on one machine (flock on a network
///   file system is only as good as that file system's locking). Lock files stay behind: removing one while another
///   writer waits on it would let two writers in.
/// - The content type is not stored: nothing serves these files over HTTP, and the key's extension says what they are.
/// - A key that is a folder of other keys (`a/b` next to `a/b/c`), which S3 allows, cannot exist here: it reads as
///   absent and a write to it is refused.
public struct FileObjectStore: ObjectStore {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The store a `file://DIR` archive URL names: `file:///abs/dir`, or `file://rel/dir` resolved against `base` (the
    /// directory the setting was read in). Percent escapes are decoded; a `file://host/…` URL cannot be told from a
    /// relative path, so write local paths either absolute or relative. Throws `.refused` for any other scheme or an
    /// empty path.
    public init(url text: String, relativeTo base: URL) throws(ObjectStoreError) {
        let scheme = "file://"
        guard text.lowercased().hasPrefix(scheme) else {
            throw .refused(key: text, reason: "a file archive URL starts with file://")
        }
        let raw = String(text.dropFirst(scheme.count))
        guard let path = raw.removingPercentEncoding, !path.isEmpty, !path.contains("\u{0}") else {
            throw .refused(key: text, reason: "a file archive URL needs a directory after file://")
        }
        self.init(root: path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path))
    }

    /// The default stores under the harness home: `archive/private` and `archive/public`.
    public static func defaults(home: HarnessHome) -> (private: FileObjectStore, public: FileObjectStore) {
        let archive = home.root.appendingPathComponent("archive")
        return (FileObjectStore(root: archive.appendingPathComponent("private")), FileObjectStore(root: archive.appendingPathComponent("public")))
    }

    /// The quoted ETag of `bytes`.
    public static func etag(of bytes: Data) -> String {
        "\"" + ContentDigest(of: bytes).hex + "\""
    }

    public func get(_ key: String) throws(ObjectStoreError) -> StoredObject? {
        try ObjectKey.validate(key)
        guard let bytes = try read(key) else { return nil }
        return StoredObject(bytes: bytes, etag: Self.etag(of: bytes))
    }

    @discardableResult
    public func put(_ key: String, _ bytes: Data, contentType: String, condition: WriteCondition) throws(ObjectStoreError) -> String {
        try ObjectKey.validate(key)
        let file = url(of: key)
        try makeDirectory(file.deletingLastPathComponent(), key: key)
        let lock = try KeyLock(store: self, key: key)
        defer { lock.release() }
        switch condition {
        case .none: break
        case .ifNoneMatch:
            if try read(key) != nil { throw .preconditionFailed(key: key) }
        case .ifMatch(let expected):
            guard let current = try read(key), Self.etag(of: current) == expected else { throw .preconditionFailed(key: key) }
        }
        do {
            try SecureFile.replace(file, contents: bytes)
        } catch {
            throw .refused(key: key, reason: error.description)
        }
        return Self.etag(of: bytes)
    }

    public func head(_ key: String) throws(ObjectStoreError) -> ObjectInfo? {
        guard let object = try get(key) else { return nil }
        return ObjectInfo(key: key, etag: object.etag, size: object.bytes.count)
    }

    public func list(prefix: String) throws(ObjectStoreError) -> [ObjectInfo] {
        try ObjectKey.validatePrefix(prefix)
        // Walk only the deepest folder the prefix names whole; the rest of the prefix filters names.
        let folder = prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
        var keys: [String] = []
        collect(folder: root.appendingPathComponent(folder), keyPrefix: folder, into: &keys)
        var infos: [ObjectInfo] = []
        for key in keys where key.hasPrefix(prefix) {
            // A file deleted between the walk and the read is simply gone.
            if let bytes = try read(key) { infos.append(ObjectInfo(key: key, etag: Self.etag(of: bytes), size: bytes.count)) }
        }
        return infos.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    public func delete(_ key: String) throws(ObjectStoreError) {
        try ObjectKey.validate(key)
        guard FileManager.default.fileExists(atPath: root.path) else { return }
        let lock = try KeyLock(store: self, key: key)
        defer { lock.release() }
        if unlink(url(of: key).path) != 0 && errno != ENOENT && errno != ENOTDIR && errno != EISDIR {
            throw .refused(key: key, reason: String(cString: strerror(errno)))
        }
    }

    func url(of key: String) -> URL {
        root.appendingPathComponent(key)
    }

    /// The file's bytes; nil when absent (or a folder, or under a file).
    private func read(_ key: String) throws(ObjectStoreError) -> Data? {
        let path = url(of: key).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .refused(key: key, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .refused(key: key, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return nil }
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .refused(key: key, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    private func makeDirectory(_ directory: URL, key: String) throws(ObjectStoreError) {
        do {
            try SecureFile.makeDirectory(directory)
        } catch {
            throw .refused(key: key, reason: error.description)
        }
    }

    /// Appends every object key under `folder` (skipping dot names: temp files and locks) to `keys`.
    private func collect(folder: URL, keyPrefix: String, into keys: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !name.hasPrefix(".") {
            let child = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(folder: child, keyPrefix: keyPrefix + name + "/", into: &keys)
            } else {
                keys.append(keyPrefix + name)
            }
        }
    }

    /// An exclusive flock on the key's lock file, held from the condition check to the rename.
    private struct KeyLock {
        let descriptor: Int32

        init(store: FileObjectStore, key: String) throws(ObjectStoreError) {
            let folder = store.root.appendingPathComponent(".locks")
            try store.makeDirectory(folder, key: key)
            let path = folder.appendingPathComponent(ContentDigest(of: Data(key.utf8)).hex).path
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .refused(key: key, reason: "could not open lock \(path): \(String(cString: strerror(errno)))") }
            while flock(descriptor, LOCK_EX) != 0 {
                if errno != EINTR {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw .refused(key: key, reason: "could not lock \(path): \(reason)")
                }
            }
        }

        func release() {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }
}
