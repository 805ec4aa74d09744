// Git/ owns libgit2 completely (STYLE.md Part 2, rule 2).
//
// - Only this folder imports CGit2. Callers above it see Swift values (`Repository`, `ObjectID`,
//   `TemporaryWorktree`, `GitError`), never an `OpaquePointer` or a C enum.
// - A handle that outlives one call (`git_repository`) is owned by one `final class` that frees it
//   in `deinit`. A handle that lives inside one function is freed by a `defer` written on the line
//   after it is created, so its lifetime is visible and it cannot outlive the handle it came from
//   (a tree entry and its tree, a blob and its raw content).
// - Every `git_*` return code goes through `check(_:_:)` (or `checkFound(_:_:)` where
//   GIT_ENOTFOUND means "absent" and becomes `nil`/`false`).
// - Wrappers are not `Sendable`: to cross tasks, pass the `ObjectID` and the repository path, and
//   reopen the repository on the other side.
// - Domain queries (notes, manifests, baselines) belong in extensions outside this folder.
// - This folder must not touch the run store, the archive, or the console. It runs the `git` CLI
//   only from `Repository.run(_:)` in GitCommand.swift, and only for the network operations listed
//   there (pushing and fetching notes), which need the user's credentials and transports.

import CGit2

/// The result of the one-time `git_libgit2_init`.
///
/// A global `let` is initialized lazily, exactly once, and thread-safely, which is what libgit2
/// asks for. libgit2 is never shut down: it lives as long as the process.
private let libraryInitialization: Int32 = git_libgit2_init()

/// Makes sure libgit2 is initialized; every entry point that creates a handle calls this first.
///
/// Throws `GitError.initializeLibrary` when libgit2 could not set up its global state.
func initializeLibgit2() throws {
    try check(libraryInitialization) { .initializeLibrary(cause: $0) }
}

/// Throws the `GitError` that `failure` builds from libgit2's last error message when `code` is
/// negative (a libgit2 error); does nothing otherwise.
///
/// The message is thread-local in libgit2, so this must be called right after the failing call,
/// on the same thread, which is why every return code goes straight into it.
func check(_ code: Int32, _ failure: (_ cause: String) -> GitError) throws {
    guard code < 0 else { return }
    throw failure(lastErrorMessage(code: code))
}

/// Like `check(_:_:)`, but treats `GIT_ENOTFOUND` as an answer rather than an error.
///
/// Returns `false` when libgit2 reported that the thing looked up does not exist, `true` on
/// success, and throws the `GitError` built by `failure` for any other error.
func checkFound(_ code: Int32, _ failure: (_ cause: String) -> GitError) throws -> Bool {
    if code == GIT_ENOTFOUND.rawValue {
        git_error_clear()
        return false
    }
    try check(code, failure)
    return true
}

/// libgit2's message for the error that just happened on this thread, then clears it so a later
/// failure without a message cannot report a stale one.
private func lastErrorMessage(code: Int32) -> String {
    defer { git_error_clear() }
    guard let error = git_error_last(), let message = error.pointee.message else {
        return "libgit2 error \(code)"
    }
    return String(cString: message)
}

/// Calls a libgit2 function that creates a handle through its first (out) parameter, and returns
/// the handle, which the caller must free.
///
/// Throws the `GitError` built by `failure` when the call fails.
func makeHandle(
    _ create: (inout OpaquePointer?) -> Int32,
    _ failure: (_ cause: String) -> GitError
) throws -> OpaquePointer {
    var handle: OpaquePointer?
    try check(create(&handle), failure)
    guard let handle else { throw failure("libgit2 reported success but returned no object") }
    return handle
}

/// Like `makeHandle(_:_:)`, but returns `nil` when libgit2 reports `GIT_ENOTFOUND`.
func makeHandleIfFound(
    _ create: (inout OpaquePointer?) -> Int32,
    _ failure: (_ cause: String) -> GitError
) throws -> OpaquePointer? {
    var handle: OpaquePointer?
    guard try checkFound(create(&handle), failure) else { return nil }
    guard let handle else { throw failure("libgit2 reported success but returned no object") }
    return handle
}
