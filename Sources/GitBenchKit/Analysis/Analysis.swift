// Analysis/ turns the store's rows and events into what people read: one point per run set with its summary and the
// verdict it earned against the baseline in force when it was measured (`RunSetPoint`, `BenchmarkTimeline`), two run
// sets or commits side by side (`Comparison`), a revision range's verdicts for a PR (`ChangeSummary`), and the whole
// offline report (`ReportSite`). It computes with Gate/ and reads through Store/, RunDir/, Archive/ and Release/;
// Report/ draws its values and API/ hands them to other programs. It never writes.
