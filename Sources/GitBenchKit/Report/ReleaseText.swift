import Foundation

/// The text of `tag-shipped` and `release-mark`.
public enum ReleaseText {
    /// The message, then what was (or would be) written and the push command.
    public static func render(_ outcome: CycleTagOutcome) -> String {
        var out = outcome.message
        if outcome.written {
            out += "\ntagged \(outcome.tag) at \(outcome.commit.prefix(12))\npush it: \(outcome.pushCommand)\n"
        } else {
            out += "\ndry run: would tag \(outcome.tag) at \(outcome.commit.prefix(12)); nothing written\n"
        }
        return out
    }

    /// The rows written to BENCH_PARITY.yaml, the parity commit and the tag.
    public static func render(_ outcome: ReleaseMarkOutcome) -> String {
        var out = ""
        let verb = outcome.written ? "recorded" : "dry run: would record"
        out += "\(verb) \(outcome.packages.map { "\($0) v\(outcome.version)" }.joined(separator: ", ")) in \(outcome.parityFile)\n"
        if !outcome.written { out += "\n" + outcome.parity }
        if let commit = outcome.parityCommit { out += "committed BENCH_PARITY.yaml alone as \(commit.prefix(12))\n" }
        if let tag = outcome.tag {
            out += "\n" + tag.message
            out += tag.written ? "\ntagged \(tag.tag) at \(tag.commit.prefix(12))\npush it: \(tag.pushCommand)\n" : "\ndry run: would tag \(tag.tag); nothing written\n"
        }
        out += "badges follow this release on the next archive run (or: git bench archive refresh-labels)\n"
        return out
    }
}
