/// Verdict words in colour for a terminal: PROMOTE and PASS green, REJECT and FAIL red, the undecided ones yellow.
/// Whether to colour at all (a terminal, `NO_COLOR`, `--color`) is the CLI's decision; this only paints.
public enum VerdictColors {
    static let reset = "\u{1B}[0m"

    /// The escape that starts `kind`'s colour (bold, so it stands out in a long line).
    static func color(of kind: Verdict.Kind) -> String {
        switch kind {
        case .promote, .pass: return "\u{1B}[1;32m"
        case .reject, .fail: return "\u{1B}[1;31m"
        case .needsMoreData, .noBaseline, .noReference, .stale: return "\u{1B}[1;33m"
        }
    }

    private static let kinds = Dictionary(uniqueKeysWithValues: Verdict.Kind.allCases.map { ($0.rawValue, $0) })

    /// `text` with every verdict word that stands as a whole word (not inside `FAILED` or `PASS_2`) coloured.
    public static func apply(to text: String) -> String {
        var result = ""
        var word = ""
        var previous: Character?
        func flush(next: Character?) {
            defer { word = "" }
            guard !word.isEmpty else { return }
            let isWhole = !(previous.map(isWordCharacter) ?? false) && !(next.map(isWordCharacter) ?? false)
            if isWhole, let kind = kinds[word] {
                result += color(of: kind) + word + reset
            } else {
                result += word
            }
        }
        for character in text {
            if character.isUppercase || character == "_" {
                word.append(character)
                continue
            }
            flush(next: character)
            result.append(character)
            previous = character
        }
        flush(next: nil)
        return result
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
