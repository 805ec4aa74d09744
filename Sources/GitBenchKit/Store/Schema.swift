import GRDB

/// The store's migrations. Never edit a shipped migration: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE projects (
                    name TEXT PRIMARY KEY NOT NULL,
                    path TEXT NOT NULL,
                    manifest_hash TEXT NOT NULL,
                    registered_at TEXT NOT NULL
                );
                CREATE INDEX projects_path ON projects(path);

                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY NOT NULL,
                    project TEXT NOT NULL,
                    benchmark TEXT NOT NULL,
                    git_sha TEXT NOT NULL,
                    git_dirty INTEGER NOT NULL,
                    dirty_diff_path TEXT,
                    dirty_diff_sha256 TEXT,
                    timestamp TEXT NOT NULL,
                    harness_version TEXT NOT NULL,
                    host TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    meta_seed INTEGER,
                    run_set_id TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('baseline', 'candidate')),
                    repetition_index INTEGER NOT NULL,
                    repetition_total INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
                    metric REAL,
                    metric_components TEXT,
                    metadata TEXT,
                    wall_clock_seconds REAL NOT NULL,
                    message TEXT,
                    exit_code INTEGER,
                    stderr_log_path TEXT,
                    artifact_hash TEXT,
                    artifact_size INTEGER,
                    manifest_hash TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    row_hash TEXT NOT NULL
                );
                CREATE INDEX runs_commit ON runs(project, benchmark, git_sha, id);
                CREATE INDEX runs_group ON runs(project, benchmark, git_sha, meta_seed);
                CREATE INDEX runs_history ON runs(project, benchmark, id);
                CREATE INDEX runs_timestamp ON runs(project, benchmark, timestamp);
                CREATE INDEX runs_run_set ON runs(run_set_id);
                CREATE TRIGGER runs_no_update BEFORE UPDATE ON runs
                    BEGIN SELECT RAISE(ABORT, 'runs are append-only: UPDATE refused'); END;
                CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs
                    BEGIN SELECT RAISE(ABORT, 'runs are append-only: DELETE refused'); END;

                CREATE TABLE baseline_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    project TEXT NOT NULL,
                    benchmark TEXT NOT NULL,
                    host TEXT NOT NULL,
                    git_sha TEXT NOT NULL,
                    meta_seed INTEGER,
                    action TEXT NOT NULL CHECK (action IN ('establish', 'promote')),
                    run_set_id TEXT,
                    notes TEXT,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX baseline_events_lookup ON baseline_events(project, benchmark, host, id);
                CREATE TRIGGER baseline_events_no_update BEFORE UPDATE ON baseline_events
                    BEGIN SELECT RAISE(ABORT, 'baseline_events are append-only: UPDATE refused'); END;
                CREATE TRIGGER baseline_events_no_delete BEFORE DELETE ON baseline_events
                    BEGIN SELECT RAISE(ABORT, 'baseline_events are append-only: DELETE refused'); END;

                CREATE TABLE reference_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    project TEXT NOT NULL,
                    benchmark TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('freeze', 'replace')),
                    from_run_id INTEGER NOT NULL,
                    reason TEXT,
                    notes TEXT,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX reference_events_lookup ON reference_events(project, benchmark, id);
                CREATE TRIGGER reference_events_no_update BEFORE UPDATE ON reference_events
                    BEGIN SELECT RAISE(ABORT, 'reference_events are append-only: UPDATE refused'); END;
                CREATE TRIGGER reference_events_no_delete BEFORE DELETE ON reference_events
                    BEGIN SELECT RAISE(ABORT, 'reference_events are append-only: DELETE refused'); END;
                """)
        }
        // Jobs are not history: their status moves in place, through guarded transitions (RunStore+Jobs.swift).
        migrator.registerMigration("v2-jobs") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    project TEXT NOT NULL,
                    benchmarks TEXT NOT NULL,
                    spec TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('background', 'foreground')),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled', 'lost')),
                    host TEXT NOT NULL,
                    pid INTEGER,
                    pgid INTEGER,
                    pid_start_ticks INTEGER,
                    threads INTEGER NOT NULL,
                    gpus INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    started_at TEXT,
                    finished_at TEXT,
                    exit_code INTEGER,
                    log_path TEXT,
                    message TEXT
                );
                CREATE INDEX jobs_status ON jobs(status, id);
                CREATE INDEX jobs_project ON jobs(project, id);
                """)
        }
        // Which foreign rows (benchstone runs, pointer rows, reference events) were imported, and as which row here,
        // so a second import of the same store adds nothing. Append-only like the history it points to.
        migrator.registerMigration("v3-imports") { db in
            try db.execute(sql: """
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('run', 'baseline', 'reference')),
                    source_key TEXT NOT NULL,
                    target_id INTEGER NOT NULL,
                    imported_at TEXT NOT NULL,
                    UNIQUE (source, kind, source_key)
                );
                CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
                    BEGIN SELECT RAISE(ABORT, 'imports are append-only: UPDATE refused'); END;
                CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
                    BEGIN SELECT RAISE(ABORT, 'imports are append-only: DELETE refused'); END;
                """)
        }
        // A baseline is a snapshot (benchstone 0.3's `run_ids`): the event names the exact runs it stands for, as a
        // JSON array of run ids, so later rows at the same commit never join it. NULL on events written before.
        migrator.registerMigration("v4-baseline-snapshots") { db in
            try db.execute(sql: "ALTER TABLE baseline_events ADD COLUMN run_ids TEXT")
        }
        // The freshness guard's fingerprint of `[project] tracked_paths` when the row was measured (benchstone 0.3's
        // `working_tree_hash`). NULL on rows written before; the hash chain covers it only where it is set, so older
        // rows keep their hashes.
        migrator.registerMigration("v5-working-tree-hash") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN working_tree_hash TEXT")
        }
        // Baseline and reference events join the hash chain (`EventChain`). Rows already there are chained once,
        // here: the no-update triggers step aside for exactly that and are put back in the same transaction.
        migrator.registerMigration("v6-chained-events") { db in
            for table in ["baseline_events", "reference_events"] {
                try db.execute(sql: """
                    ALTER TABLE \(table) ADD COLUMN prev_hash TEXT;
                    ALTER TABLE \(table) ADD COLUMN row_hash TEXT;
                    DROP TRIGGER \(table)_no_update;
                    """)
            }
            try EventChain.chainExistingRows(BaselinePointer.self, db)
            try EventChain.chainExistingRows(ReferenceEvent.self, db)
            for table in ["baseline_events", "reference_events"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) are append-only: UPDATE refused'); END;
                    """)
            }
        }
        // Ship labels of git-bench run sets (`mark-shipped`): history, chained like the other event tables.
        migrator.registerMigration("v7-ship-labels") { db in
            try db.execute(sql: """
                CREATE TABLE ship_label_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_set_id TEXT NOT NULL,
                    project TEXT NOT NULL,
                    benchmark TEXT NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('mark', 'unmark')),
                    label TEXT,
                    rationale TEXT,
                    created_at TEXT NOT NULL,
                    prev_hash TEXT,
                    row_hash TEXT
                );
                CREATE INDEX ship_label_events_run_set ON ship_label_events(run_set_id, id);
                CREATE INDEX ship_label_events_label ON ship_label_events(label);
                CREATE TRIGGER ship_label_events_no_update BEFORE UPDATE ON ship_label_events
                    BEGIN SELECT RAISE(ABORT, 'ship_label_events are append-only: UPDATE refused'); END;
                CREATE TRIGGER ship_label_events_no_delete BEFORE DELETE ON ship_label_events
                    BEGIN SELECT RAISE(ABORT, 'ship_label_events are append-only: DELETE refused'); END;
                """)
        }
        return migrator
    }
}

extension RunRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "runs"
}

extension BaselinePointer: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "baseline_events"
}

extension ReferenceEvent: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "reference_events"
}

extension RegisteredProject: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "projects"
}
