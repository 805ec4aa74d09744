// Values/ holds the plain values every layer shares: commit ids (`ObjectID`), content digests (`ContentDigest`), the one
// `Timestamp`, `RunSetID`, `JobID` and the job vocabulary, `JSONValue` and canonical JSON, what a repetition produced
// (`Repetition`, `RepetitionStatus`), `ResourceUsage`, `ProcessIdentity`, `ObjectInfo` (a stored object's key, ETag and size) and
// `ShellWord` (quoting a word for a shell), `UTF8Validation`, `Suggestion` (did you mean) and `ArtifactDifference`
// (what a correctness FAIL changed). It uses nothing else of git-bench and
// does no I/O, so no arrow ever has to run back up to it.
