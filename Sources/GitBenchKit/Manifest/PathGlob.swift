/// One pattern of a benchmark's `paths`, matched against repository paths with gitignore-like rules.
///
/// - Patterns are anchored at the repository root: `Package.swift` matches only the top-level file, never
///   `Sources/Package.swift`. A leading `/` or `./` is allowed and means the same.
/// - `*` matches any run of characters within one path segment, `?` one character other than `/`, and
///   `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) one character of (or not of) a class. `\` makes the next character
///   literal. An unclosed `[` is a literal `[`.
/// - A segment that is exactly `**` matches any number of segments: `**/fixtures` matches `fixtures` at any depth,
///   `a/**/b` matches `a/b`, `a/x/b` and `a/x/y/b`. A trailing `/**` or a trailing `/` matches everything below
///   the directory (but not a file with the directory's own name). `**` inside a segment (`a**b`) is a plain `*`.
/// - As in gitignore, a pattern that matches a directory matches every path under it: `docs` and `src/*` match
///   `docs/guide/intro.md` and `src/a/b.swift`.
/// - A leading `!` negates the pattern (see `PathFilter`); `\!` is a literal `!`. An empty pattern matches nothing.
///
/// Paths are slash-separated and relative to the repository root, as git reports them. Matching is case-sensitive.
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written in the manifest.
    public let pattern: String
    /// True for a `!pattern`: a match excludes the path again.
    public let isNegated: Bool
    private let segments: [Segment]

    /// Parses `pattern`; every string is a valid pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        var body = Substring(pattern)
        isNegated = body.hasPrefix("!")
        if isNegated { body = body.dropFirst() }
        while body.hasPrefix("./") { body = body.dropFirst(2) }
        while body.hasPrefix("/") { body = body.dropFirst() }
        // "dir/" means everything below dir, exactly like "dir/**".
        let containsEverythingBelow = body.hasSuffix("/")
        var parsed = body.split(separator: "/", omittingEmptySubsequences: true).map(Segment.init)
        if containsEverythingBelow && !parsed.isEmpty { parsed.append(.anyDepth) }
        segments = parsed
    }

    public var description: String { pattern }

    /// True when `path` (or a directory containing it) matches the pattern, ignoring negation.
    public func matches(_ path: String) -> Bool {
        guard !segments.isEmpty else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        guard !parts.isEmpty else { return false }
        // A pattern matching a leading directory matches everything under it (gitignore's rule for directories).
        return (1...parts.count).contains { count in Self.match(segments, parts[0..<count]) }
    }

    /// Whole-path match of pattern segments against path segments: a table of "segments[i...] matches parts[j...]".
    private static func match(_ segments: [Segment], _ parts: ArraySlice<[Unicode.Scalar]>) -> Bool {
        let parts = Array(parts)
        let rows = segments.count
        let columns = parts.count
        var table = [[Bool]](repeating: [Bool](repeating: false, count: columns + 1), count: rows + 1)
        table[rows][columns] = true
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns, through: 0, by: -1) {
                switch segments[i] {
                case .anyDepth:
                    // A trailing ** needs at least one segment ("dir/**" is not the file "dir");
                    // elsewhere it may match none ("a/**/b" matches "a/b").
                    let mayBeEmpty = i < rows - 1
                    let skipsOne = j < columns && (table[i][j + 1] || table[i + 1][j + 1])
                    table[i][j] = skipsOne || (mayBeEmpty && table[i + 1][j])
                case .name(let tokens):
                    table[i][j] = j < columns && matchSegment(tokens[...], parts[j][...]) && table[i + 1][j + 1]
                }
            }
        }
        return table[0][0]
    }

    /// Matches one path segment against one pattern segment's tokens, backtracking on `*`.
    private static func matchSegment(_ tokens: ArraySlice<Token>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var tokenIndex = tokens.startIndex
        var nameIndex = name.startIndex
        // The last `*` seen and the name position it is currently stretched to.
        var star: (token: Int, name: Int)?
        while nameIndex < name.endIndex {
            if tokenIndex < tokens.endIndex {
                switch tokens[tokenIndex] {
                case .anyRun:
                    star = (tokenIndex, nameIndex)
                    tokenIndex += 1
                    continue
                case let token where token.matches(name[nameIndex]):
                    tokenIndex += 1
                    nameIndex += 1
                    continue
                default:
                    break
                }
            }
            guard let last = star else { return false }
            star = (last.token, last.name + 1)
            tokenIndex = last.token + 1
            nameIndex = last.name + 1
        }
        while tokenIndex < tokens.endIndex, tokens[tokenIndex] == .anyRun { tokenIndex += 1 }
        return tokenIndex == tokens.endIndex
    }

    private enum Segment: Sendable, Equatable {
        /// `**`: any number of whole segments.
        case anyDepth
        /// One segment's tokens.
        case name([Token])

        init(_ text: Substring) {
            if text == "**" {
                self = .anyDepth
            } else {
                self = .name(Token.parse(Array(text.unicodeScalars)))
            }
        }
    }

    private enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        /// `?`
        case anyOne
        /// `*` (consecutive stars collapse into one)
        case anyRun
        /// `[…]`: inclusive scalar ranges, possibly negated.
        case set([ClosedRange<UInt32>], negated: Bool)

        func matches(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .literal(let expected): return scalar == expected
            case .anyOne: return true
            case .anyRun: return true
            case .set(let ranges, let negated): return ranges.contains { $0.contains(scalar.value) } != negated
            }
        }

        static func parse(_ scalars: [Unicode.Scalar]) -> [Token] {
            var tokens: [Token] = []
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "*":
                    if tokens.last != .anyRun { tokens.append(.anyRun) }
                    index += 1
                case "?":
                    tokens.append(.anyOne)
                    index += 1
                case "\\":
                    // A trailing backslash has nothing to escape and stands for itself.
                    tokens.append(.literal(index + 1 < scalars.count ? scalars[index + 1] : scalar))
                    index += 2
                case "[":
                    if let (set, next) = parseSet(scalars, from: index) {
                        tokens.append(set)
                        index = next
                    } else {
                        tokens.append(.literal(scalar))
                        index += 1
                    }
                default:
                    tokens.append(.literal(scalar))
                    index += 1
                }
            }
            return tokens
        }

        /// Parses `[…]` starting at `start` (the `[`); nil when it is not closed. A `]` right after the opening
        /// (or after its `!`/`^`) is a member, as in fnmatch.
        private static func parseSet(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
            var index = start + 1
            var negated = false
            if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
                negated = true
                index += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var isFirst = true
            while index < scalars.count {
                var low = scalars[index]
                if low == "]" && !isFirst { return (.set(ranges, negated: negated), index + 1) }
                isFirst = false
                if low == "\\", index + 1 < scalars.count {
                    index += 1
                    low = scalars[index]
                }
                if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                    var high = scalars[index + 2]
                    var end = index + 2
                    if high == "\\", index + 3 < scalars.count {
                        high = scalars[index + 3]
                        end = index + 3
                    }
                    if low.value <= high.value { ranges.append(low.value...high.value) }
                    index = end + 1
                } else {
                    ranges.append(low.value...low.value)
                    index += 1
                }
            }
            return nil
        }
    }
}
