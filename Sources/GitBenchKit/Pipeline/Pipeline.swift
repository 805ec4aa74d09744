// Pipeline/ owns the order of the work, written once: a run goes measure → store (each repetition the moment it ends)
// → run-set directory → verdict (`--until-decided`) → baseline pointer, and `evaluate` goes verdict (`Evaluation`) →
// note (`RunPipeline.recordVerdicts`). It also holds what a run is asked and gives back (`RunRequest`, `RunSet`,
// `RunOutcome`), the project a run belongs to, path-aware selection and job admission, and the values Report/ draws
// for `list` (`ProjectListing`, which reads corpus state) and the pre-push hook (`PrePushDecision`). `RunPipeline` is
// a type holding the store, home, console and host; `resume` continues a run set through the same `RunSetSession`.
// It may use every folder below it (see scripts/layers.txt); Report/, API/ and the CLI sit on top of it.
