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
            case .noBaselineSeeds: return dataError
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
            default: return software
            }
        case let error as HarnessError:
            switch error {
            case .notRegistered: return configuration
            case .noCandidate, .alreadyBaseline, .noArtifact: return noInput
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
        case is ConfigError: return configuration
        default: return software
        }
    }
}
