import CGit2

extension Repository {
    /// The linked libgit2's version, "major.minor.revision" (e.g. "1.5.1"), as `git_libgit2_version` reports it.
    public static var libgit2Version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        // git_libgit2_version only fills three integers; it cannot fail and needs no git_libgit2_init.
        _ = git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
