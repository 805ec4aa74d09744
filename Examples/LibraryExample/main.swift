import Foundation
import GitBenchKit

let harness = try Harness()                                   // $GIT_BENCH_HOME, else $XDG_DATA_HOME/git-bench, …
let project = try harness.project(named: "Sample", from: URL(fileURLWithPath: "."))
_ = try harness.run(RunRequest(benchmarks: ["quality"], establishesBaseline: true), in: project)
_ = try harness.run(RunRequest(benchmarks: ["quality"], metaSeed: 42), in: project)
let verdicts = try harness.evaluate(["quality"], in: project)
if verdicts.first?.kind == .promote { _ = try harness.promote("quality", in: project) }
let history = try harness.history(project: "Sample", benchmark: "quality", limit: 20)
let timeline = try harness.timeline("quality", in: project)      // one point per run set, with the verdict it earned
let summary = try harness.summary(range: nil, in: project)       // what `git bench summary` prints and exits with
print("\(verdicts[0].kind.rawValue): \(verdicts[0].reason); \(history.runs.count) runs, \(timeline.runSets.count) run sets, "
      + "\(summary.count(.regressed)) regressed")
