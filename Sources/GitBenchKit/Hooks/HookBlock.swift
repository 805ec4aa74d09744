/// The hooks git-bench installs.
public enum GitHook: String, Sendable, Codable, CaseIterable {
    case postCommit = "post-commit"
    case prePush = "pre-push"
}

/// git-bench's marked block inside a hook file, and the pure text operations on it.
/// The block goes right after the shebang, so it runs even when the foreign hook ends with `exit` or `exec`;
/// for pre-push it saves stdin to a file and hands it back, so the foreign hook (git-lfs, husky) still reads the refs.
public enum HookBlock {
    public static let startMarker = "# >>> git-bench >>>"
    public static let endMarker = "# <<< git-bench <<<"
    /// The first line of a hook file git-bench creates itself.
    public static let shebang = "#!/bin/sh"

    /// The block for `hook`, markers included, ending in a newline.
    public static func text(for hook: GitHook) -> String {
        let body: String
        switch hook {
        case .postCommit:
            body = """
                # Queues this commit's post-commit benchmarks in the background; never fails the commit.
                if command -v git-bench >/dev/null 2>&1; then git-bench hook post-commit --commit "$(git rev-parse -q --verify HEAD)" || true; fi
                """
        case .prePush:
            body = """
                # Blocks a push whose tip has a regression verdict (bypass: git push --no-verify, or GIT_BENCH_SKIP=1).
                if command -v git-bench >/dev/null 2>&1; then
                  git_bench_refs=$(mktemp "${TMPDIR:-/tmp}/git-bench-pre-push.XXXXXX") || exit 1
                  cat > "$git_bench_refs"
                  git bench hook pre-push "$@" < "$git_bench_refs" || { git_bench_status=$?; rm -f "$git_bench_refs"; exit "$git_bench_status"; }
                  exec < "$git_bench_refs"
                  rm -f "$git_bench_refs"
                fi
                """
        }
        return "\(startMarker)\n\(body)\n\(endMarker)\n"
    }

    /// Where the block is in `contents`, as a range of whole lines, or nil.
    static func range(in contents: String) -> Range<String.Index>? {
        guard let start = lineStart(of: startMarker, in: contents, from: contents.startIndex),
              let endLine = lineStart(of: endMarker, in: contents, from: start) else { return nil }
        let end = contents[endLine...].firstIndex(of: "\n").map { contents.index(after: $0) } ?? contents.endIndex
        return start..<end
    }

    private static func lineStart(of marker: String, in contents: String, from index: String.Index) -> String.Index? {
        var searchFrom = index
        while let found = contents.range(of: marker, range: searchFrom..<contents.endIndex) {
            let atLineStart = found.lowerBound == contents.startIndex || contents[contents.index(before: found.lowerBound)] == "\n"
            let atLineEnd = found.upperBound == contents.endIndex || contents[found.upperBound] == "\n"
            if atLineStart && atLineEnd { return found.lowerBound }
            searchFrom = found.upperBound
        }
        return nil
    }

    /// `contents` with the block for `hook` in place: inserted after the shebang line (or at the top), or replaced
    /// where it already is. `nil` contents means there is no file yet: the result is a new script.
    public static func installing(_ hook: GitHook, into contents: String?) -> String {
        let block = text(for: hook)
        guard let contents else { return shebang + "\n" + block }
        if let existing = range(in: contents) {
            var updated = contents
            updated.replaceSubrange(existing, with: block)
            return updated
        }
        if contents.hasPrefix("#!") {
            guard let newline = contents.firstIndex(of: "\n") else { return contents + "\n" + block }
            let afterShebang = contents.index(after: newline)
            return String(contents[..<afterShebang]) + block + String(contents[afterShebang...])
        }
        return block + contents
    }

    /// `contents` without the block, exactly as it was before `installing`; nil when only git-bench's own script
    /// is left (the file should be deleted). Returns `contents` unchanged when there is no block.
    public static func removing(from contents: String) -> String? {
        guard let existing = range(in: contents) else { return contents }
        var remaining = contents
        remaining.removeSubrange(existing)
        return remaining == shebang + "\n" ? nil : remaining
    }

    /// Whether `contents` holds the current block for `hook`.
    public static func isCurrent(_ hook: GitHook, in contents: String) -> Bool {
        guard let existing = range(in: contents) else { return false }
        return contents[existing] == text(for: hook)
    }
}
