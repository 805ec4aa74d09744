import Foundation
import Testing
@testable import GitBenchKit

/// External harness results: the Mem0 harness's and PageIndex's files (fixtures written the way those harnesses write
/// them) reduced to the seed's manifest fields, and every file that is neither refused with one clear line.
@Suite struct HarnessResultTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/harness-results", isDirectory: true)

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    static func read(_ json: String, cutoff: String? = nil, directoryBench: String? = nil) throws(HarnessResultError) -> HarnessResult {
        try HarnessResult.read(Data(json.utf8), path: "bench/x.json", cutoff: cutoff, directoryBench: directoryBench)
    }

    static func failure(_ json: String, cutoff: String? = nil, directoryBench: String? = nil) -> HarnessResultError? {
        do {
            _ = try read(json, cutoff: cutoff, directoryBench: directoryBench)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMem0LoCoMoResultReadsTheTop20CutoffAsFractionsFromByCategory() throws {
        let result = try HarnessResult.read(try Self.fixture("locomo_results_20260508_100312.json"), path: "locomo_results_20260508_100312.json")
        #expect(result.harness == .mem0)
        #expect(result.bench == "locomo")
        // No max_tokens_* cutoff in a pre-M35 file: top_20, 171/200 = 85.5 % → 0.855.
        #expect(result.cutoff == "top_20")
        #expect(result.overall == 0.855)
        #expect(result.categories == ["single-hop": 0.8857, "multi-hop": 0.7, "temporal": 0.86, "open-domain": 0.95])
        #expect(result.nQuestions == 200)
        #expect(result.judge == "llm")
        #expect(result.model == "gpt-4o-mini")
        #expect(result.projectName == "astrocyte-m18b-b1-dp-rrf-run-1")
        #expect(result.runID == "3f9c2a1b")
        // metadata.timestamp is local time without a zone: not a start time.
        #expect(result.startedAt == nil)
        #expect(result.commit == nil)
    }

    @Test func aMem0ResultWithTokenCutoffsPrefersMaxTokens8192AndReadsCategories() throws {
        let result = try HarnessResult.read(try Self.fixture("longmemeval_results_20260601_231500.json"), path: "lme.json")
        #expect(result.cutoff == "max_tokens_8192")
        // 362/500*100 is 72.39999999999999 in binary; /100 rounds to 0.724.
        #expect(result.overall == 0.724)
        #expect(result.nQuestions == 500)
        #expect(result.categories == ["knowledge-update": 0.7949, "multi-session": 0.6241, "single-session-assistant": 0.9286,
                                      "single-session-preference": 0.6, "single-session-user": 0.9286, "temporal-reasoning": 0.6165])
    }

    @Test func aGivenCutoffOverridesTheOrder() throws {
        let data = try Self.fixture("longmemeval_results_20260601_231500.json")
        let result = try HarnessResult.read(data, path: "lme.json", cutoff: "max_tokens_4096")
        #expect(result.cutoff == "max_tokens_4096")
        #expect(result.overall == 0.7)
        #expect(result.categories["single-session-user"] == 0.9)
        let top50 = try HarnessResult.read(try Self.fixture("locomo_results_20260508_100312.json"), path: "l.json", cutoff: "top_50")
        #expect(top50.overall == 0.865)
        #expect(top50.categories["single-hop"] == 0.9)
    }

    @Test func max4096IsTriedBeforeTop20() throws {
        let cutoff = #"{"overall": {"total": 40, "correct": 30, "accuracy": 75.0}, "by_category": {}}"#
        let result = try Self.read(#"{"metadata": {"benchmark": "locomo"}, "metrics_by_cutoff": {"top_20": \#(cutoff), "max_tokens_4096": {"overall": {"total": 40, "accuracy": 62.5}}}}"#)
        #expect(result.cutoff == "max_tokens_4096")
        #expect(result.overall == 0.625)
        #expect(result.categories.isEmpty)
    }

    @Test func anAbsentCutoffNamesTheCutoffsThatArePresent() {
        let json = #"{"metadata": {"benchmark": "locomo"}, "metrics_by_cutoff": {"top_10": {"overall": {"accuracy": 80}}, "top_50": {"overall": {"accuracy": 81}}}}"#
        #expect(Self.failure(json, cutoff: "top_7")?.description == #"bench/x.json: cutoff "top_7" is not in metrics_by_cutoff (it has: top_10, top_50)"#)
        #expect(Self.failure(json)?.reason == "metrics_by_cutoff has none of max_tokens_8192, max_tokens_4096, top_20 (it has: top_10, top_50); name a cutoff")
    }

    @Test func aPageIndexResultIsReadAsFractionsWithTheDirectorysBench() throws {
        let result = try HarnessResult.read(try Self.fixture("results-20260509T081500Z.json"), path: "results-20260509T081500Z.json",
                                            directoryBench: "locomo")
        #expect(result.harness == .pageIndex)
        #expect(result.bench == "locomo")
        #expect(result.overall == 0.8375)
        #expect(result.categories == ["multi-hop": 0.6667, "open-domain": 1.0, "single-hop": 0.8485, "temporal": 0.9091])
        #expect(result.nQuestions == 80)
        // No judge model, no canonical_judge: the stemmed-F1 scorer.
        #expect(result.judge == "stemmed-f1")
        #expect(result.model == "gpt-4o-mini")
        #expect(result.cutoff == nil && result.projectName == nil && result.runID == nil)
    }

    @Test func aPageIndexResultWithoutABenchIsRefused() {
        let json = #"{"overall_accuracy": 0.5, "category_accuracy": {}}"#
        #expect(Self.failure(json)?.reason == "names no bench (benchmark) and its directory gives none")
        #expect((try? Self.read(#"{"overall_accuracy": 0.5, "category_accuracy": {}, "benchmark": "LME"}"#))?.bench == "longmemeval")
    }

    @Test func pageIndexQuestionCountFallsBackToTotalQuestionsAndJudgeFollowsTheFile() throws {
        let result = try Self.read(#"{"overall_accuracy": 1, "category_accuracy": {"a": 0}, "evaluated_questions": 0, "total_questions": 31, "canonical_judge": true}"#,
                                   directoryBench: "lme")
        #expect(result.nQuestions == 31)
        #expect(result.judge == "llm")
        #expect(result.bench == "longmemeval")
        #expect(result.overall == 1.0)
        #expect(result.categories == ["a": 0.0])
    }

    @Test func roundingIsPythonsRoundTo4Places() throws {
        // round(0.83745, 4) == 0.8375 and round(0.28135, 4) == 0.2813 in Python (the exact binary values decide).
        let json = #"{"overall_accuracy": 0.83745, "category_accuracy": {"a": 0.28135, "b": 0.12345, "c": 5e-05, "d": 0.99995}}"#
        let result = try Self.read(json, directoryBench: "locomo")
        #expect(result.overall == 0.8375)
        #expect(result.categories == ["a": 0.2813, "b": 0.1235, "c": 0.0001, "d": 1.0])
    }

    @Test func theMetadataBenchWinsOverTheDirectoryAndAliasesNormalise() throws {
        let json = #"{"metadata": {"benchmark": "long_memeval"}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 50, "total": 30}}}}"#
        #expect(try Self.read(json, directoryBench: "locomo").bench == "longmemeval")
        let noBench = #"{"metadata": {}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 50}}}}"#
        #expect(try Self.read(noBench, directoryBench: "lme").bench == "longmemeval")
        // Any bench is accepted, as long as it can be an archive name.
        #expect(try Self.read(noBench, directoryBench: "financebench").bench == "financebench")
        #expect(Self.failure(noBench, directoryBench: "fin bench")?.reason.hasPrefix("invalid bench \"fin bench\"") == true)
    }

    @Test func anExplicitStartTimeAndCommitAreRead() throws {
        let json = #"{"metadata": {"benchmark": "locomo", "started_at": "2026-05-08T16:03:09.250000+02:00", "git_sha": "1A2B3C4D5E"}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 50}}}}"#
        let result = try Self.read(json)
        #expect(result.startedAt == Date(timeIntervalSince1970: 1_778_248_989.25))
        #expect(ArchiveKey.timestamp(of: try #require(result.startedAt)) == "20260508T140309Z")
        #expect(result.commit == "1a2b3c4d5e")
        let local = #"{"metadata": {"benchmark": "locomo", "started_at": "2026-05-08T14:03:09"}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 50}}}}"#
        #expect(Self.failure(local)?.reason == #"metadata.started_at "2026-05-08T14:03:09" is not an ISO 8601 time with a zone"#)
        let badSHA = #"{"overall_accuracy": 0.5, "category_accuracy": {}, "commit": "main"}"#
        #expect(Self.failure(badSHA, directoryBench: "locomo")?.reason == #"commit "main" is not a commit id (7 to 64 hex digits)"#)
    }

    @Test func aFileOfNeitherSchemaIsRefusedWithItsPathAndTheReason() throws {
        let wrapped = try Self.fixture("results-wrapped.json")
        #expect(throws: HarnessResultError(path: "p/results-wrapped.json", reason: HarnessResult.unrecognised)) {
            try HarnessResult.read(wrapped, path: "p/results-wrapped.json")
        }
        let error = try #require(Self.failure("[1, 2]"))
        #expect(error.description == "bench/x.json: neither a Mem0-harness result (metadata + metrics_by_cutoff) nor a PageIndex result (overall_accuracy + category_accuracy)")
        #expect(Self.failure(#"{"metadata": {}}"#)?.reason == HarnessResult.unrecognised)
    }

    @Test func badJSONWrongTypesAndNonFiniteNumbersAreErrorsNotTraps() {
        let cases: [(String, String)] = [
            ("{\"overall_accuracy\": ", "not JSON ("),
            (#"{"overall_accuracy": NaN, "category_accuracy": {}}"#, "not JSON ("),
            (#"{"overall_accuracy": 1e999, "category_accuracy": {}}"#, "not JSON (number out of range"),
            (#"{"overall_accuracy": "0.8", "category_accuracy": {}}"#, "overall_accuracy is not a number"),
            (#"{"overall_accuracy": 83.75, "category_accuracy": {}}"#, "overall_accuracy is 83.75, outside 0...1 (a fraction)"),
            (#"{"overall_accuracy": 0.8, "category_accuracy": []}"#, "category_accuracy is not an object"),
            (#"{"overall_accuracy": 0.8, "category_accuracy": {"a": null}}"#, "category_accuracy.a is missing"),
            (#"{"overall_accuracy": 0.8, "category_accuracy": {}, "evaluated_questions": 12.5}"#, "evaluated_questions is not a whole number of questions"),
            (#"{"overall_accuracy": 0.8, "category_accuracy": {}, "evaluated_questions": -3}"#, "evaluated_questions is not a whole number of questions"),
            (#"{"metadata": [], "metrics_by_cutoff": {}}"#, "metadata is not an object"),
            (#"{"metadata": {}, "metrics_by_cutoff": {"top_20": 85.5}}"#, "metrics_by_cutoff.top_20 is not an object"),
            (#"{"metadata": {}, "metrics_by_cutoff": {"top_20": {}}}"#, "metrics_by_cutoff.top_20.overall is missing"),
            (#"{"metadata": {}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 185.5}}}}"#, "metrics_by_cutoff.top_20.overall.accuracy is 185.5, outside 0...100 (a percentage)"),
            (#"{"metadata": {"judge_model": 4}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 85.5}}}}"#, "metadata.judge_model is not a string"),
            (#"{"metadata": {}, "metrics_by_cutoff": {"top_20": {"overall": {"accuracy": 85.5}, "by_category": {"x": 0.5}}}}"#, "metrics_by_cutoff.top_20.by_category.x is not an object"),
        ]
        for (json, reason) in cases {
            let error = Self.failure(json, directoryBench: "locomo")
            #expect(error?.reason.hasPrefix(reason) == true, "\(json) → \(String(describing: error))")
            #expect(error?.description.contains("\n") == false)
        }
    }

    @Test func aControlCharacterInACategoryNameStaysOnOneLine() {
        let error = Self.failure(#"{"overall_accuracy": 0.8, "category_accuracy": {"a\nb": 3}}"#, directoryBench: "locomo")
        #expect(error?.description == #"bench/x.json: category_accuracy.a\x0ab is 3.0, outside 0...1 (a fraction)"#)
    }

    @Test func theManifestEntryCarriesTheSeedsFields() throws {
        let result = try HarnessResult.read(try Self.fixture("locomo_results_20260508_100312.json"), path: "l.json")
        let entry = result.manifestEntry(date: "2026-05-08", stage: "m18b-b1-dp-rrf-run-1", sha: "1a2b3c4", uploadedAt: "2026-05-08T14:03:09Z",
                                         resultKey: "runs/2026-05-08/m18b-b1-dp-rrf-run-1/locomo/results-20260508T140309Z-1a2b3c4.json.gz")
        #expect(entry.harness == "mem0_harness")
        #expect(entry.bench == "locomo")
        #expect(entry.overall == 0.855)
        #expect(entry.nQuestions == 200)
        #expect(entry.judge == "llm")
        #expect(entry.model == "gpt-4o-mini")
        #expect(entry.cutoff == "top_20")
        #expect(entry.projectName == "astrocyte-m18b-b1-dp-rrf-run-1")
        #expect(entry.runID == "3f9c2a1b")
        #expect(entry.shipLabel == nil)
        let text = String(decoding: try entry.encoded(), as: UTF8.self)
        #expect(text.contains(#""harness": "mem0_harness""#))
        #expect(text.contains(#""single-hop": 0.8857"#))
        let page = try HarnessResult.read(try Self.fixture("results-20260509T081500Z.json"), path: "r.json", directoryBench: "locomo")
            .manifestEntry(date: "2026-05-09", stage: "local-ad-hoc", sha: "dirty", uploadedAt: "2026-05-09T08:20:00Z", resultKey: "k")
        #expect(page.harness == "pageindex")
        #expect(page.cutoff == nil && page.projectName == nil && page.runID == nil)
        #expect(page.judge == "stemmed-f1")
    }
}
