import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a side file, held while the store is created or migrated.
struct StoreLock {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.open(path: path, underlying: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError.open(path: path, underlying: reason)
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
