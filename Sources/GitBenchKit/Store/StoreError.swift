/// An error a caller's code throws inside a store transaction (an import's reading of its source, say): the store
/// rolls back and rethrows it as it is, since it names the problem better than the store could.
public protocol CallerError: Error {}

/// A failure of the run store, naming the operation and the file.
public enum StoreError: Error, CustomStringConvertible {
    case open(path: String, underlying: String)
    case migrate(path: String, underlying: String)
    case write(operation: String, underlying: String)
    case read(operation: String, underlying: String)
    /// A foreign store (benchstone's `store.db`) is unreadable or not shaped as expected.
    case foreignStore(path: String, reason: String)
    /// A foreign store that is not there at all (exit 66, missing input).
    case foreignStoreMissing(path: String)

    public var description: String {
        switch self {
        case .open(let path, let underlying): return "could not open run store \(path): \(underlying)"
        case .migrate(let path, let underlying): return "could not migrate run store \(path): \(underlying)"
        case .write(let operation, let underlying): return "could not \(operation): \(underlying)"
        case .read(let operation, let underlying): return "could not \(operation): \(underlying)"
        case .foreignStore(let path, let reason): return "could not read benchstone store \(path): \(reason)"
        case .foreignStoreMissing(let path): return "could not read benchstone store \(path): no such file"
        }
    }
}
