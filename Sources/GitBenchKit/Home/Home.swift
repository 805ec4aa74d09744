// Home/ owns the harness home (`$GIT_BENCH_HOME`): where the store, artifacts, logs, jobs and run sets live, how files
// there are created (directories 0700, files 0600, temp file + rename) and the content-addressed artifact files. It
// knows nothing about what goes into those files, and uses only Values/.
