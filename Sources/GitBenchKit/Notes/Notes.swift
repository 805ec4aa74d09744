// Notes/ owns verdicts in git: the grammar of a verdict note (`NoteLine`, one line per benchmark, built from a
// `Verdict`; `CommitNote`, the whole note on a commit, parsed, updated and rendered, and how two versions of it
// merge), and the notes of a repository under `refs/notes/bench` (`BenchNotes`: record, show, log, push, pull),
// which it reads and writes through Git/. It may use Values/, Git/, Config/ (`bench.notesRef`), Manifest/ and Gate/;
// it never touches the store, the file system or the console.
//
// A verdict line is its summary (`NoteLine.summary`, which `evaluate` prints) followed by the note-only tokens, each separated by one space:
//
//     <project>/<benchmark>: <KIND> <gate> [z=<z>] [thr=<threshold>] [minimize|maximize] [baseline=<sha10>]
//         [n=<baseline n>/<candidate n>] [mean|median <before>-><after> [(<±change>%)]]
//         [artifact=<hex12>] [reference=<hex12>]
//         [ci<confidence>=[<±lower>%,<±upper>%]] [min_effect=<percent>%] [meta_seed=<candidate group>] git-bench/<version> at=<UTC ISO 8601>
//
// for example
// `Sample/quality: REJECT sigma z=-2.70 thr=2.00 minimize baseline=a1b2c3d4e5 n=6/6 mean 1.0005->1.0547 (+5.41%)
// ci95=[+3.20%,+7.60%] git-bench/0.1.0 at=2025-01-02T03:04:05.678Z` (one line). Unknown tokens are ignored when
// parsing, so later versions can add tokens. `at=` is when the verdict was computed; when two versions of a note
// disagree about a benchmark, the later `at=` wins.
