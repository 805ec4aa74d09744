// Hooks/ owns git-bench's blocks in git hook files: what the block says, where hooks live, and installing or removing
// the block without touching a byte of anyone else's hook, and the plain values around them (`PushedRef`, git's
// pre-push input; `HookChange`, `HooksStatus`). It does not decide what a hook does when it runs: API/ does.
