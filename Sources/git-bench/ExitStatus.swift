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
    static let refused: Int32 = 77
    static let configuration: Int32 = 78
    static let interrupted: Int32 = 130

    /// 0 PROMOTE/PASS, 1 REJECT/FAIL, 2 NEEDS_MORE_DATA/NO_BASELINE/NO_REFERENCE.
    static func code(for kind: Verdict.Kind) -> Int32 {
        switch kind {
        case .promote, .pass: return 0
        case .reject, .fail: return 1
        case .needsMoreData, .noBaseline, .noReference: return 2
        }
    }

    /// Several verdicts: any REJECT/FAIL wins, then any "not enough", else 0.
    static func code(for verdicts: [Verdict]) -> Int32 {
        let codes = verdicts.map { code(for: $0.kind) }
        if codes.contains(1) { return 1 }
        if codes.contains(2) { return 2 }
        return 0
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
            }
        case let error as GitError:
            switch error {
            case .notARepository, .unbornHead: return noInput
            case .unknownRevision: return usage
            default: return software
            }
        case let error as HarnessError:
            switch error {
            case .notRegistered: return configuration
            case .noCandidate, .noArtifact: return noInput
            case .referenceExists: return refused
            case .promotionRefused(_, let kind): return code(for: kind)
            default: return usage
            }
        case is StoreError: return ioError
        case is HomeError: return cannotCreate
        default: return software
        }
    }
}
