import CGit2

// Bridging to libgit2's `git_oid`, for Git/ only.
extension ObjectID {
    /// The ID of a libgit2 object id.
    init(_ oid: git_oid) {
        var oid = oid
        // GIT_OID_HEXSZ (40) characters, no terminator: git_oid_fmt writes exactly that many.
        var characters = [CChar](repeating: 0, count: 41)
        _ = git_oid_fmt(&characters, &oid)
        hex = String(decoding: characters.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The libgit2 object id for this ID. `hex` is validated on construction, so parsing cannot fail.
    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, hex.utf8.count)
        return oid
    }
}
