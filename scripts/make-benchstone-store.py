#!/usr/bin/env python3
"""Writes a benchstone 0.3 store.db with ROWS runs, for timing `git bench import benchstone`.

Usage: make-benchstone-store.py STORE ROWS

The schema is benchstone 0.3.1's (store.py, after its migrations). The rows look like a real history: 8 benchmarks
measured at ROWS/80 commits, 10 repetitions per group, a baseline group (no meta seed) every 50 commits, 1% error
rows with benchstone's error metadata, metric components and project metadata on every ok row, and one 0.3
snapshot pointer (`run_ids`) per benchmark.
"""
import hashlib
import json
import random
import sqlite3
import sys

SCHEMA = """
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  benchmark TEXT NOT NULL,
  git_sha TEXT NOT NULL,
  git_dirty INTEGER NOT NULL,
  dirty_diff_path TEXT,
  timestamp TEXT NOT NULL,
  harness_version TEXT NOT NULL,
  host TEXT NOT NULL,
  seed INTEGER,
  meta_seed INTEGER,
  repetition_index INTEGER,
  status TEXT NOT NULL,
  metric REAL,
  metric_components_json TEXT,
  wall_clock_seconds REAL,
  project_metadata_json TEXT,
  stderr_log_path TEXT,
  artifact_hash TEXT,
  artifact_path TEXT,
  working_tree_hash TEXT
);
CREATE INDEX idx_runs_lookup ON runs(project, benchmark, git_sha);
CREATE INDEX idx_runs_timeline ON runs(project, benchmark, timestamp);
CREATE TABLE baselines (
  project TEXT NOT NULL,
  benchmark TEXT NOT NULL,
  git_sha TEXT NOT NULL,
  established_at TEXT NOT NULL,
  notes TEXT,
  meta_seed INTEGER,
  run_ids TEXT,
  PRIMARY KEY (project, benchmark)
);
"""

BENCHMARKS = ["quality", "latency", "recall", "throughput", "parse", "index", "search", "rank"]
REPETITIONS = 10


def main():
    path, total = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20261206)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    rows = []
    baseline_ids = {}
    run_id = 0
    commit = 0
    while run_id < total:
        sha = hashlib.sha1(f"commit {commit}".encode()).hexdigest()
        tree = "sha256:" + hashlib.sha256(f"tree {commit}".encode()).hexdigest()
        for benchmark in BENCHMARKS:
            is_baseline = commit % 50 == 0
            meta_seed = None if is_baseline else rng.getrandbits(63)
            ids = []
            for repetition in range(REPETITIONS):
                if run_id >= total:
                    break
                run_id += 1
                ids.append(run_id)
                seconds = commit * 600 + repetition
                timestamp = f"2026-{1 + (seconds // 2_400_000) % 12:02d}-{1 + (seconds // 86_400) % 28:02d}T{(seconds // 3600) % 24:02d}:{(seconds // 60) % 60:02d}:{seconds % 60:02d}Z"
                seed = repetition + 1 if is_baseline else rng.getrandbits(63)
                if rng.random() < 0.01:
                    rows.append((run_id, "Sample", benchmark, sha, 0, None, timestamp, "0.3.1", "ci-7", seed, meta_seed,
                                 repetition, "error", None, None, 0.4, json.dumps({"error": "runner exited with code 1", "exit_code": 1}),
                                 f"/home/ci/.local/share/benchstone/logs/{run_id}.stderr", None, None, tree))
                    continue
                metric = 1.0 + rng.gauss(0, 0.02)
                components = {"precision": round(rng.random(), 6), "recall": round(rng.random(), 6), "items": 200}
                metadata = {"corpus_sha256": hashlib.sha256(benchmark.encode()).hexdigest(), "n_items": 200, "runner": "python3.12"}
                rows.append((run_id, "Sample", benchmark, sha, 0, None, timestamp, "0.3.1", "ci-7", seed, meta_seed, repetition,
                             "ok", metric, json.dumps(components), 1.2 + rng.random(), json.dumps(metadata), None, None, None, tree))
            if is_baseline:
                baseline_ids[benchmark] = (sha, ids)
            if len(rows) >= 50_000:
                db.executemany("INSERT INTO runs VALUES (" + ",".join("?" * 21) + ")", rows)
                rows.clear()
        commit += 1
    db.executemany("INSERT INTO runs VALUES (" + ",".join("?" * 21) + ")", rows)
    for benchmark, (sha, ids) in baseline_ids.items():
        db.execute("INSERT INTO baselines VALUES (?, ?, ?, ?, ?, ?, ?)",
                   ("Sample", benchmark, sha, "2026-06-01T00:00:00Z", "nightly", None, json.dumps(ids)))
    db.commit()
    db.close()


if __name__ == "__main__":
    main()
