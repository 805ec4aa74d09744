import GitBenchKit

/// The closed table of exit codes (DESIGN.md): verdicts 0–4, errors from sysexits.h.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    /// Admission refused: the threads or GPU are busy now; the same command may succeed later.
    static let temporaryFailure: Int32 = 75
    static let refused: Int32 = 77
    static let configuration: Int32 = 78
    static let interrupted: Int32 = 130

    /// The table above as `man git-bench` prints it under EXIT STATUS (DESIGN.md's table, with the two codes only
    /// `check --bisect` and an interrupted run use).
    static let table: [ManualPage.ExitCodeMeaning] = [
        .init(codes: "0", meaning: "PROMOTE or PASS."),
        .init(codes: "1", meaning: "REJECT or FAIL."),
        .init(codes: "2", meaning: "NEEDS_MORE_DATA, NO_BASELINE or NO_REFERENCE."),
        .init(codes: "3", meaning: "An unknown verdict."),
        .init(codes: "4", meaning: "evaluate --expect: a verdict was not the one expected (a match exits 0)."),
        .init(codes: "5", meaning: "STALE: the tree no longer matches the runs being judged (dirty, corpus drift, tracked_paths changed)."),
        .init(codes: "\(usage)", meaning: "Usage error: an unknown command or option, or a value out of range."),
        .init(codes: "\(dataError)", meaning: "Bad data: the manifest or a result file is invalid."),
        .init(codes: "\(noInput)", meaning: "Missing input: no repository, manifest, run, run set or file where one was named."),
        .init(codes: "\(unavailable)", meaning: "A service is unavailable: the runner or git could not be started."),
        .init(codes: "\(software)", meaning: "Internal error."),
        .init(codes: "\(cannotCreate)", meaning: "Cannot create a file or directory (the home, a hook, a run set)."),
        .init(codes: "\(ioError)", meaning: "I/O error, such as a store that cannot be read or written."),
        .init(codes: "\(temporaryFailure)", meaning: "Temporary failure: the threads or GPU a run needs are busy; try again later."),
        .init(codes: "\(refused)", meaning: "Refused by policy: a dirty tree, corpus drift, an existing reference."),
        .init(codes: "\(configuration)", meaning: "Configuration error: an unregistered project or a bad bench.* git config value."),
        .init(codes: "125", meaning: "check --bisect: the commit cannot be judged yet, so git bisect run skips it."),
        .init(codes: "128", meaning: "check --bisect: an error, which stops git bisect run."),
        .init(codes: "\(interrupted)", meaning: "Interrupted (Ctrl-C or SIGTERM); the repetitions that finished are stored."),
    ]

    /// 0 PROMOTE/PASS, 1 REJECT/FAIL, 2 NEEDS_MORE_DATA/NO_BASELINE/NO_REFERENCE, 5 STALE.
    static func code(for kind: Verdict.Kind) -> Int32 {
        switch kind {
        case .promote, .pass: return 0
        case .reject, .fail: return 1
        case .needsMoreData, .noBaseline, .noReference: return 2
        case .stale: return 5
        }
    }

    /// Several verdicts: any REJECT/FAIL wins, then any STALE (the tree must be fixed before anything can be judged),
    /// then any "not enough", else 0.
    static func code(for verdicts: [Verdict]) -> Int32 {
        let codes = verdicts.map { code(for: $0.kind) }
        for code: Int32 in [1, 5, 2] where codes.contains(code) { return code }
        return 0
    }

    /// `evaluate --expect KIND`: 0 when every verdict is that kind, 4 otherwise; without `--expect`, `code(for:)`.
    static func code(for verdicts: [Verdict], expecting expected: Verdict.Kind?) -> Int32 {
        guard let expected else { return code(for: verdicts) }
        return verdicts.allSatisfy { $0.kind == expected } ? 0 : 4
    }

    /// `check`: any FAIL → 1, else any NEEDS_MORE_DATA → 2, else 0.
    static func code(for checks: [RegressionCheck]) -> Int32 {
        if checks.contains(where: { $0.outcome == .fail }) { return 1 }
        if checks.contains(where: { $0.outcome == .needsMoreData }) { return 2 }
        return 0
    }

    /// `logs -f`'s exit code once the job has ended, or nil for a job that ended done: the job's own non-zero exit code
    /// (130 for a cancelled run, 65 for a failed repetition), else 75, a temporary failure: it was cancelled before it
    /// started or lost (its worker was killed), and running the same work again may succeed.
    static func code(forFollowed job: Job) -> Int32? {
        guard job.status != .done else { return nil }
        if let code = job.exitCode, code != 0, let narrow = Int32(exactly: code) { return narrow }
        return temporaryFailure
    }

    /// `check --bisect`, in git bisect run's reading: 0 good, 1–127 bad except 125 (skip), anything else aborts the
    /// bisection.
    static func bisectCode(_ code: Int32) -> Int32 {
        switch code {
        case 0, 1: return code
        case 2: return 125
        default: return 128
        }
    }

    static func code(for error: Error) -> Int32 {
        switch error {
        case let error as ManifestError:
            if case .missing = error { return noInput }
            return dataError
        case let error as RunnerError:
            switch error {
            case .dirtyTree, .corpusDrift, .corpusMissing: return refused
            case .noBaselineSeeds, .corpusUnusable: return dataError
            case .spawn: return unavailable
            case .scratch: return cannotCreate
            case .interrupted: return interrupted
            case .overCapacity: return temporaryFailure
            case .noGPU, .capacityVariable, .trackedPath: return configuration
            case .unknownJob, .noJobLog: return noInput
            case .jobNotActive: return usage
            }
        case let error as GitError:
            switch error {
            case .notARepository, .unbornHead: return noInput
            case .unknownRevision: return usage
            case .readConfig, .invalidNotesRef: return configuration
            case .runGit: return unavailable
            case .tagExists, .detachedHead, .branchMoved: return refused
            case .invalidTagName, .invalidFilePath: return usage
            case .notAnnotatedTag: return dataError
            default: return software
            }
        case let error as HarnessError:
            switch error {
            case .notRegistered: return configuration
            case .noCandidate, .alreadyBaseline, .noArtifact, .noCorpus, .notFound: return noInput
            case .referenceExists, .policy: return refused
            case .promotionRefused(_, let kind): return code(for: kind)
            default: return usage
            }
        case let error as ImportError:
            switch error {
            case .artifactMissing: return noInput
            case .copyArtifact: return cannotCreate
            case .invalidRow, .readReferences, .artifactMismatch: return dataError
            }
        case StoreError.foreignStore: return dataError
        case StoreError.foreignStoreMissing: return noInput
        case is HookError: return cannotCreate
        case is StoreError: return ioError
        case let error as RunDirError:
            switch error {
            case .notFound: return noInput
            case .notARunSet, .invalid: return dataError
            case .write, .zip: return cannotCreate
            case .read: return ioError
            case .resumeRefused: return refused
            }
        case is HomeError: return cannotCreate
        case is ConfigError, is ArchiveConfigurationError: return configuration
        case let error as ArchiveError:
            switch error {
            case .invalidName: return usage
            case .invalidObject, .unencodable: return dataError
            case .manifestContention: return temporaryFailure
            case .store(let error): return code(for: error)
            }
        case is HarnessResultError, is ArchiveMarkerError, is BenchParityError: return dataError
        case let error as ShipLabelError:
            switch error {
            case .invalidLabel: return usage
            case .noTarget: return noInput
            case .relabel, .unarchived: return refused
            case .write: return cannotCreate
            }
        case let error as ReleaseError:
            switch error {
            case .noShippedRuns, .noCycleTag: return noInput
            case .noPackages: return usage
            case .dirtyTree, .gate, .missingVerdict, .tagExists, .movesTag: return refused
            }
        case let error as BenchParityWriteError:
            switch error {
            case .invalidVersion, .invalidPackage, .invalidRow, .duplicateInInput: return usage
            case .duplicate: return refused
            case .unencodable: return dataError
            case .write: return cannotCreate
            }
        case let error as CanonicalLayoutError:
            if case .notADirectory = error { return dataError }
            return ioError
        case let error as ObjectStoreError:
            switch error {
            case .preconditionFailed: return temporaryFailure
            case .invalidKey: return usage
            case .refused, .unavailable: return unavailable
            }
        default: return software
        }
    }
}
