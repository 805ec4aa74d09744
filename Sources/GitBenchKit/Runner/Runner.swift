// Runner/ owns child processes: per-repetition scratch directories, placeholder substitution, timeouts,
// process-group kills on timeout and interrupt, corpus fingerprints, and the order of a run (RunPipeline).
// It hands repetitions to Store/ and never computes verdicts.
