/// What a value becomes when the store keeps it, applied once before a row is both hashed and written, so the hash
/// chain covers exactly what SQLite will hand back and `verify` never mistakes honest data for an edit.
enum StoredForm {
    /// Text without NUL characters: SQLite's text functions stop at a NUL, so it would come back cut short (and an
    /// error message of only a NUL would come back empty). Each NUL is written as the six characters `\u0000`.
    static func text(_ value: String) -> String {
        value.utf8.contains(0) ? value.replacingOccurrences(of: "\u{0}", with: "\\u0000") : value
    }

    /// `text` for an optional.
    static func text(_ value: String?) -> String? {
        value.map(text)
    }

    /// A number as a REAL column returns it: SQLite stores -0.0 as 0, so it is stored (and hashed) as 0.
    static func number(_ value: Double) -> Double {
        value == 0 ? 0 : value
    }

    /// `number` for an optional.
    static func number(_ value: Double?) -> Double? {
        value.map(number)
    }
}
