/// Why `bench/manifest.toml` could not be loaded. Every case names the file; `invalid` also names the key path
/// and, when the key appears in the file, its line.
public enum ManifestError: Error, CustomStringConvertible, Equatable {
    /// The manifest file does not exist at `path`.
    case missing(path: String)
    /// The manifest at `path` exists but is not a readable regular file of sane size; `reason` says which.
    case unreadable(path: String, reason: String)
    /// The file is not valid TOML (or not UTF-8); `line` and `column` are 1-based.
    case syntax(file: String, line: Int, column: Int, reason: String)
    /// The TOML is well-formed but a key has the wrong type or value, or a required key is missing.
    /// `at` is a key path such as `benchmarks[fake_quality].tier` or `benchmarks[2].name`.
    case invalid(file: String, at: String, line: Int?, reason: String)

    /// One line: `file:line: key.path: reason`, the form editors and CI logs turn into links.
    public var description: String {
        switch self {
        case .missing(let path):
            return "could not read manifest \(path): no such file"
        case .unreadable(let path, let reason):
            return "could not read manifest \(path): \(reason)"
        case .syntax(let file, let line, let column, let reason):
            return "\(file):\(line):\(column): invalid TOML: \(reason)"
        case .invalid(let file, let at, let line?, let reason):
            return "\(file):\(line): \(at): \(reason)"
        case .invalid(let file, let at, nil, let reason):
            return "\(file): \(at): \(reason)"
        }
    }
}
