/// "Did you mean …?": the name a mistyped word most likely stood for, as git suggests a command (`help.c`).
///
/// Case is ignored. A candidate is near when it equals the word, starts with it (a word of 3 or more characters: git
/// also ranks prefixes first), or is within the optimal-string-alignment form of the Damerau–Levenshtein distance
/// (insertions, deletions, substitutions and swaps of two adjacent characters, each costing 1) of
/// `maximumDistance(forLength:)`: 1 for words up to 5 characters, 2 up to 8, 3 beyond. That is tighter than git's weighted
/// floor of 7, because a wrong suggestion costs more than none: `nosuch` or `foo` get nil, `evluate` gets `evaluate`.
public enum Suggestion {
    /// The candidate nearest to `word`, or nil when none is near.
    ///
    /// Ranks, best first: equal ignoring case, then prefixes (shortest first), then edit distance; ties go to the
    /// candidate that sorts first, so the answer never depends on the order of `candidates`.
    public static func nearest(to word: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }
        let limit = maximumDistance(forLength: typed.count)
        var best: (rank: Int, distance: Int, name: String)?
        for candidate in candidates {
            let target = Array(candidate.lowercased())
            let rank: Int
            let distance: Int
            if target == typed {
                (rank, distance) = (0, 0)
            } else if typed.count >= 3, target.starts(with: typed) {
                (rank, distance) = (1, target.count - typed.count)
            } else if let edits = editDistance(typed, target, atMost: limit) {
                (rank, distance) = (2, edits)
            } else {
                continue
            }
            if let current = best, (current.rank, current.distance, current.name) <= (rank, distance, candidate) { continue }
            best = (rank, distance, candidate)
        }
        return best?.name
    }

    /// The most edits a word of `length` characters may be from a suggestion: about a third of it, at least 1, at most 3.
    public static func maximumDistance(forLength length: Int) -> Int {
        min(3, max(1, length / 3))
    }

    /// The optimal-string-alignment distance between `a` and `b`, or nil when it exceeds `limit` (rows are abandoned as
    /// soon as every entry is past it, so a long unrelated candidate costs little).
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // Three rows: the one before the previous is needed for a swap.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}
