// Runner/ owns child processes: one repetition in a 0700 scratch directory (`RepetitionRunner`), shell-quoted
// placeholders, timeouts, process-group kills on timeout, interrupt and cancel, seeds, corpus fingerprints, machine
// capacity, detached workers and the process table. It returns a `Repetition` and never knows the store, the
// run-set directory or the gate: Pipeline/ decides what happens to what it measured. It may use Values/, Home/,
// Console/, Manifest/ and Protocol/, and it is the only folder that signals, waits for or sleeps on processes.
