// Import/ brings history from other harnesses into the run store: today benchstone's `store.db`, its baseline pointers
// and its frozen references. It reads the foreign store through Store/ (only Store/ speaks SQLite), reads the foreign
// reference files and artifacts itself, copies artifact bytes content-addressed under the harness home after checking
// their SHA-256, and hands one `ImportBatch` to the store, which writes it in a single transaction.
// It never runs benchmarks, never touches git, and never judges.
