// Store/ owns the SQLite store (GRDB): schema migrations, the append-only hash-chained `runs` table,
// baseline and reference event tables, and the project registry. Only this folder imports GRDB.
// It stores what it is given and answers queries; it never runs processes, reads manifests or judges.
