// Report/ renders values computed elsewhere into the text the CLI prints: one type per output, named for what it
// draws (`BenchmarkTable`, `HistoryTimeline`, `ConfigTable`, `JobTable`, `VerdictBlock`, `RunOutcomeSummary`, …),
// each taking library values and returning a String, plus `JSONDocument`, the one JSON form of `--json`. Where a
// command's JSON is not a library value as it is, the `…View` type that draws its text is also that JSON record.
// `ReportSitePages` draws Analysis/'s `ReportSite` as the static HTML pages of `report --html`, with Chart/'s SVG.
// It never opens the store, never writes a file, never prints and never recomputes a statistic (Gate/ computes
// every number, Pipeline/ and API/ gather what a renderer needs). It may use the value folders and the models of
// Manifest/, Config/, Gate/, Store/, Notes/, RunDir/ and Pipeline/; the CLI prints what it returns.
