/// A benchmark's `paths`: the files whose changes can move its metric.
///
/// A path is included when the last pattern that matches it is a plain one, and excluded when it is a `!pattern`
/// or when nothing matches, as in gitignore: `["src/**", "!src/**/*.md"]` watches the sources but not their
/// READMEs. See `PathGlob` for the pattern syntax.
public struct PathFilter: Sendable, Equatable {
    /// The parsed patterns, in manifest order.
    public let globs: [PathGlob]

    /// Parses each pattern; every string is a valid pattern.
    public init(patterns: [String]) {
        globs = patterns.map(PathGlob.init)
    }

    /// True when the last pattern matching `path` is not negated.
    public func includes(_ path: String) -> Bool {
        guard let last = globs.last(where: { $0.matches(path) }) else { return false }
        return !last.isNegated
    }

    /// True when at least one of `paths` is included.
    public func includesAny<S: Sequence>(of paths: S) -> Bool where S.Element == String {
        paths.contains { includes($0) }
    }
}

extension Benchmark {
    /// True when a change to `changedPaths` can affect this benchmark: it declares no `paths` (it always runs), or
    /// one of the changed paths falls under them.
    public func isAffected<S: Sequence>(byChangesTo changedPaths: S) -> Bool where S.Element == String {
        paths.isEmpty || PathFilter(patterns: paths).includesAny(of: changedPaths)
    }
}
