/// What git-bench does to text before printing it: the user-info part of every URL in it
/// (`https://user:token@host/…`, `s3://key:secret@bucket`) becomes `***`, so a credential given in a remote or a
/// configured archive URL never reaches a terminal, a log or an error message.
public enum Redaction {
    /// `text` with the user info of each `scheme://user[:password]@host` replaced by `***`.
    public static func urls(in text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let separator = rest.range(of: "://") {
            output += rest[..<separator.upperBound]
            rest = rest[separator.upperBound...]
            // The authority ends at the first '/', '?', '#' or blank; user info is what comes before its last '@'.
            let authorityEnd = rest.firstIndex { "/?#".contains($0) || $0.isWhitespace } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                output += "***"
                rest = rest[at...]
            }
        }
        return output + rest
    }
}
