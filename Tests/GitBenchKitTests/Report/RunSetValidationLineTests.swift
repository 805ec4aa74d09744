import Testing
@testable import GitBenchKit

/// What `validate` prints on stdout.
@Suite struct RunSetValidationLineTests {
    @Test func aValidDirectoryIsOneLineAndAnInvalidOneNothing() {
        let valid = RunSetValidation(path: "/srv/runs/Sample/quality/bench_00000000_20260101_000000", isValid: true,
                                     runSetID: "bench_00000000_20260101_000000", filesChecked: 5, problem: nil, file: nil, isForeign: false)
        #expect(RunSetValidationLine.render(valid) == """
            OK: /srv/runs/Sample/quality/bench_00000000_20260101_000000 (run set bench_00000000_20260101_000000, 5 files verified)

            """)
        let invalid = RunSetValidation(path: "/srv/repo", isValid: false, runSetID: nil, filesChecked: 0,
                                       problem: "no manifest.json with schema git_bench_run_manifest", file: nil, isForeign: true)
        #expect(RunSetValidationLine.render(invalid) == "")
    }
}
