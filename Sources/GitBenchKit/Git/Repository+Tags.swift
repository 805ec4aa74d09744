import CGit2
import Foundation

/// An annotated tag (a tag object, as `git tag -a` writes) whose target peels to a commit.
public struct AnnotatedTag: Sendable, Equatable {
    /// The short name, without `refs/tags/` (`bench/m19`, `v1.2.0`).
    public var name: String
    /// The tag object.
    public var id: ObjectID
    /// The commit the tag peels to (`git rev-parse <name>^{commit}`).
    public var target: ObjectID
    public var taggerName: String
    public var taggerEmail: String
    /// The tagger's time, to the second.
    public var taggedAt: Date
    /// The message exactly as stored in the tag object (what `git cat-file -p <name>` prints after the header's blank
    /// line). Tags written by `createAnnotatedTag` end with one newline.
    public var message: String
}

extension Repository {
    /// The annotated tag `refs/tags/<name>`; `nil` when there is no such reference.
    ///
    /// Throws `GitError.notAnnotatedTag` when the tag is lightweight (it names a commit directly) or peels to
    /// something other than a commit, `GitError.invalidTagName` when `refs/tags/<name>` is not a valid reference name,
    /// and `GitError.readTag` when it cannot be read.
    public func annotatedTag(named name: String) throws -> AnnotatedTag? {
        let failure = { (cause: String) in GitError.readTag(name: name, cause: cause) }
        guard let referenced = try tagReferenceTarget(name, failure) else { return nil }
        var oid = referenced.oid
        let object = try makeHandle({ git_object_lookup(&$0, handle, &oid, GIT_OBJECT_ANY) }, failure)
        defer { git_object_free(object) }
        guard git_object_type(object) == GIT_OBJECT_TAG else {
            throw GitError.notAnnotatedTag(name: name, reason: "it is a lightweight tag (it names the \(Self.typeName(git_object_type(object))) \(referenced.short) directly)")
        }
        // A git_object of type GIT_OBJECT_TAG is a git_tag.
        let tag = object
        let peeled = try makeHandle({ git_tag_peel(&$0, tag) }, failure)
        defer { git_object_free(peeled) }
        guard git_object_type(peeled) == GIT_OBJECT_COMMIT, let peeledID = git_object_id(peeled) else {
            throw GitError.notAnnotatedTag(name: name, reason: "it points at a \(Self.typeName(git_object_type(peeled))), not a commit")
        }
        guard let tagger = git_tag_tagger(tag) else {
            throw GitError.notAnnotatedTag(name: name, reason: "the tag object has no tagger")
        }
        return AnnotatedTag(
            name: name,
            id: referenced,
            target: ObjectID(peeledID.pointee),
            taggerName: tagger.pointee.name.map { String(cString: $0) } ?? "",
            taggerEmail: tagger.pointee.email.map { String(cString: $0) } ?? "",
            taggedAt: Date(timeIntervalSince1970: TimeInterval(tagger.pointee.when.time)),
            message: git_tag_message(tag).map { String(cString: $0) } ?? ""
        )
    }

    /// The identity that signs tags and commits written by git-bench: `user.name`/`user.email` from the repository's
    /// configuration (local, global, system), else `git-bench <git-bench@localhost>` with `usesFallback` true.
    ///
    /// Throws `GitError.readConfig` only when not even the fallback signature can be made.
    public func tagger() throws -> (name: String, email: String, usesFallback: Bool) {
        let (signature, usesFallback) = try defaultSignature { .readConfig(path: self.displayPath, cause: $0) }
        defer { git_signature_free(signature) }
        return (
            signature.pointee.name.map { String(cString: $0) } ?? "",
            signature.pointee.email.map { String(cString: $0) } ?? "",
            usesFallback
        )
    }

    /// Writes the annotated tag `refs/tags/<name>` on `target` (a commit), signed by `tagger()`, and returns it as
    /// `annotatedTag(named:)` reads it back.
    ///
    /// The message is stored as given, plus one newline when it does not already end with one (as `git tag -m`
    /// does); an empty message stays empty. Without `force`, an existing tag (annotated or lightweight) is left
    /// exactly as it is and `GitError.tagExists` names the commit it points at. With `force` the reference is
    /// replaced by a new tag object, so the message is refreshed and the tag may move to another commit.
    ///
    /// Throws `GitError.invalidTagName` when git would reject the name (`git check-ref-format` rules on
    /// `refs/tags/<name>`, and no leading `-`), `GitError.findCommit` when `target` is not a commit in the
    /// repository, and `GitError.writeTag` when the tag cannot be written.
    @discardableResult
    public func createAnnotatedTag(name: String, target: ObjectID, message: String, force: Bool) throws -> AnnotatedTag {
        let failure = { (cause: String) in GitError.writeTag(name: name, cause: cause) }
        try Self.validateTagName(name)
        guard !message.utf8.contains(0) else { throw failure("the message contains a NUL byte") }
        if !force, let existing = try tagReferenceTarget(name, failure) {
            throw GitError.tagExists(name: name, target: try peeledTarget(of: existing, tag: name))
        }

        let commit = try lookupCommit(target)
        defer { git_commit_free(commit) }
        let (signature, _) = try defaultSignature(failure)
        defer { git_signature_free(signature) }
        let stored = message.isEmpty || message.hasSuffix("\n") ? message : message + "\n"
        var tagOID = git_oid()
        let code = git_tag_create(&tagOID, handle, name, commit, signature, stored, force ? 1 : 0)
        if code == GIT_EEXISTS.rawValue {
            // Created by someone else since the check above; libgit2 wrote nothing.
            git_error_clear()
            let existing = try tagReferenceTarget(name, failure) ?? ObjectID(tagOID)
            throw GitError.tagExists(name: name, target: try peeledTarget(of: existing, tag: name))
        }
        try check(code, failure)
        guard let written = try annotatedTag(named: name) else { throw failure("the tag vanished right after it was written") }
        return written
    }

    /// The short names of the tags starting with `prefix` (`"bench/"` → `["bench/m18", "bench/m19"]`), sorted by
    /// byte value; every tag when `prefix` is empty.
    ///
    /// Lists reference names only (no object is read), through a glob iterator that scans just the matching loose
    /// refs directory and the packed-refs file. Throws `GitError.listTags` when the references cannot be listed.
    public func tags(withPrefix prefix: String) throws -> [String] {
        let failure = { (cause: String) in GitError.listTags(prefix: prefix, cause: cause) }
        let glob = "refs/tags/" + Self.escapedForWildmatch(prefix) + "*"
        let iterator = try makeHandle({ git_reference_iterator_glob_new(&$0, handle, glob) }, failure)
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while true {
            let code = git_reference_next_name(&name, iterator)
            if code == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try check(code, failure)
            guard let name else { throw failure("libgit2 returned no reference name") }
            let full = String(cString: name)
            guard full.hasPrefix("refs/tags/") else { continue }
            names.append(String(full.dropFirst("refs/tags/".count)))
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: - Helpers

    /// Throws `GitError.invalidTagName` unless libgit2 accepts `name` as a tag name.
    static func validateTagName(_ name: String) throws {
        guard !name.isEmpty else { throw GitError.invalidTagName(name, reason: "the name is empty") }
        guard !name.utf8.contains(0) else { throw GitError.invalidTagName(name, reason: "the name contains a NUL byte") }
        var valid: Int32 = 0
        try check(git_tag_name_is_valid(&valid, name)) { .invalidTagName(name, reason: $0) }
        guard valid == 1 else {
            throw GitError.invalidTagName(name, reason: "git does not allow it in refs/tags/ (no spaces, '..', '~', '^', ':', '?', '*', '[', '\\', control characters, leading '-' or '.', trailing '/' or '.lock')")
        }
    }

    /// The object `refs/tags/<name>` points at (following a symbolic ref), or `nil` when it does not exist.
    private func tagReferenceTarget(_ name: String, _ failure: (String) -> GitError) throws -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, handle, "refs/tags/" + name)
        if code == GIT_EINVALIDSPEC.rawValue {
            try check(code) { .invalidTagName(name, reason: $0) }
        }
        guard try checkFound(code, failure) else { return nil }
        return ObjectID(oid)
    }

    /// The commit `object` (a tag object or a commit) peels to, or `object` itself when it peels to no commit.
    private func peeledTarget(of object: ObjectID, tag name: String) throws -> ObjectID {
        let failure = { (cause: String) in GitError.readTag(name: name, cause: cause) }
        var oid = object.oid
        let handle = try makeHandle({ git_object_lookup(&$0, self.handle, &oid, GIT_OBJECT_ANY) }, failure)
        defer { git_object_free(handle) }
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, handle, GIT_OBJECT_COMMIT) == 0, let peeled else {
            git_error_clear()
            return object
        }
        defer { git_object_free(peeled) }
        return git_object_id(peeled).map { ObjectID($0.pointee) } ?? object
    }

    /// `text` with wildmatch's special characters escaped, so it matches only itself.
    private static func escapedForWildmatch(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "*?[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private static func typeName(_ type: git_object_t) -> String {
        git_object_type2string(type).map { String(cString: $0) } ?? "object"
    }
}
