// Report/ renders values computed elsewhere: the `status` table, the line `evaluate` prints. It never opens the
// store, never writes a file and never recomputes a statistic (Gate/ computes every number). It may use the value
// folders and the models of Store/, Notes/, RunDir/ and Pipeline/; the CLI prints what it returns.
