// API/ is the public surface other Swift programs call: `Harness`, a thin facade over one harness home, its store and
// this host, with register, run, resume, evaluate, promote, references, check, hooks, jobs, import, history and
// verify. It composes the folders below it (Pipeline/ for the order of a run and the verdict and note stages) and
// prints nothing: results are values, progress goes through Console/. It also holds the hooks' policy: when a hook
// is skipped, which project it acts for, what pre-push blocks, and where `hooks install` may write (`HookSetup`).
// It may use every library folder but Report/.
