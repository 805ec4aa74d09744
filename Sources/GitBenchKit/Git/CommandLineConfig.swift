import Foundation

/// The values `git -c key=value` and `git --config-env` hand to the commands and hooks they start, through
/// `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>` and `GIT_CONFIG_PARAMETERS`. libgit2 reads
/// neither, so a hook run by `git -c bench.prePush.missing=block push` would otherwise not see the setting.
enum CommandLineConfig {
    /// One value; `source` names the variable it came from.
    struct Entry: Equatable {
        var key: String
        var value: String?
        var source: String
    }

    /// The entries in git's order: the counted variables first, then `GIT_CONFIG_PARAMETERS`; a later entry for
    /// the same key wins. Throws `GitError.readConfig` for the malformed values git itself refuses.
    static func entries(environment: [String: String]) throws -> [Entry] {
        try counted(environment) + parameters(environment)
    }

    /// `key` with its section and variable name lowercased and a subsection kept, as git compares keys.
    static func canonical(_ key: String) -> String {
        guard let first = key.firstIndex(of: "."), let last = key.lastIndex(of: ".") else { return key.lowercased() }
        return key[..<first].lowercased() + key[first..<last] + key[last...].lowercased()
    }

    private static func counted(_ environment: [String: String]) throws -> [Entry] {
        guard let text = environment["GIT_CONFIG_COUNT"], !text.isEmpty else { return [] }
        // As strtoul reads it (git's way): leading blanks and a plus sign are fine, anything after the digits is not.
        var digits = Substring(text.unicodeScalars.drop(while: isBlank))
        if digits.hasPrefix("+") { digits = digits.dropFirst() }
        guard let count = Int(digits), count >= 0 else {
            throw GitError.readConfig(path: "GIT_CONFIG_COUNT", cause: "bogus count in GIT_CONFIG_COUNT")
        }
        return try (0..<count).map { index in
            let keyName = "GIT_CONFIG_KEY_\(index)", valueName = "GIT_CONFIG_VALUE_\(index)"
            guard let key = environment[keyName], !key.isEmpty else {
                throw GitError.readConfig(path: keyName, cause: "missing config key \(keyName)")
            }
            guard let value = environment[valueName] else {
                throw GitError.readConfig(path: valueName, cause: "missing config value \(valueName)")
            }
            return Entry(key: try validKey(key, source: keyName), value: value, source: keyName)
        }
    }

    /// `key` canonical, after git's check that it has a section and a variable name.
    private static func validKey(_ key: String, source: String) throws -> String {
        guard let first = key.firstIndex(of: "."), first != key.startIndex, let last = key.lastIndex(of: "."),
              key.index(after: last) != key.endIndex
        else { throw GitError.readConfig(path: source, cause: "key does not contain a section and a variable name: \(key)") }
        return canonical(key)
    }

    /// git's `isspace`: ASCII blanks only.
    private static let blanks = CharacterSet(charactersIn: " \t\n\u{0B}\u{0C}\r")

    fileprivate static func isBlank(_ scalar: Unicode.Scalar) -> Bool { blanks.contains(scalar) }

    /// Parses `'key'='value'` (git ≥ 2.31; `'key'=` is a bare key) and the older `'key=value'` / `'key'`, separated
    /// by whitespace, each part single-quoted the way git's `sq_quote` writes it (`'\''` for a quote, `'\!'` for `!`).
    private static func parameters(_ environment: [String: String]) throws -> [Entry] {
        guard let text = environment["GIT_CONFIG_PARAMETERS"], !text.isEmpty else { return [] }
        let bogus = GitError.readConfig(path: "GIT_CONFIG_PARAMETERS", cause: "bogus format in GIT_CONFIG_PARAMETERS")
        let source = "GIT_CONFIG_PARAMETERS"
        var scanner = QuotedScanner(Array(text.unicodeScalars))
        var entries: [Entry] = []
        // Words start right away (leading blanks are bogus to git); blanks separate them and may trail.
        repeat {
            guard let first = scanner.quoted() else { throw bogus }
            if scanner.atSeparator {
                // Old style: the key and value share one quoted word; git trims the key.
                let parts = first.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = parts[0].trimmingCharacters(in: blanks)
                entries.append(Entry(key: try validKey(key, source: source), value: parts.count == 2 ? String(parts[1]) : nil, source: source))
            } else {
                guard scanner.take("=") else { throw bogus }
                var value: String?
                if !scanner.atSeparator {
                    guard let quoted = scanner.quoted(), scanner.atSeparator else { throw bogus }
                    value = quoted
                }
                entries.append(Entry(key: try validKey(first, source: source), value: value, source: source))
            }
        } while scanner.skipBlanks()
        return entries
    }
}

/// Reads git's single-quoted words from a list of scalars.
private struct QuotedScanner {
    private let text: [Unicode.Scalar]
    private var position = 0

    init(_ text: [Unicode.Scalar]) {
        self.text = text
    }

    /// At the end or at a blank: where a word ends.
    var atSeparator: Bool { position == text.count || CommandLineConfig.isBlank(text[position]) }

    /// Skips blanks; false at the end.
    mutating func skipBlanks() -> Bool {
        while position < text.count, CommandLineConfig.isBlank(text[position]) { position += 1 }
        return position < text.count
    }

    mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard position < text.count, text[position] == scalar else { return false }
        position += 1
        return true
    }

    /// One quoted word, joined across `'\''` and `'\!'`; nil when the text is not quoted or the quote never closes.
    mutating func quoted() -> String? {
        guard take("'") else { return nil }
        var word = String.UnicodeScalarView()
        while position < text.count {
            let scalar = text[position]
            position += 1
            guard scalar == "'" else {
                word.append(scalar)
                continue
            }
            // Out of the quotes: only an escaped quote or bang, followed by a new opening quote, continues the word.
            if position + 2 < text.count, text[position] == "\\", ["'", "!"].contains(text[position + 1]), text[position + 2] == "'" {
                word.append(text[position + 1])
                position += 3
                continue
            }
            return String(word)
        }
        return nil
    }
}
