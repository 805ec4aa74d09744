import Foundation
import Testing
@testable import GitBenchKit

/// The exact bytes of `config.json`, as the runner reads them: compact, keys sorted, `artifact_path` always present
/// (null when absent), slashes unescaped, non-ASCII written as UTF-8. A runner that greps `"seed":` depends on this.
@Suite struct InvocationConfigTests {
    /// The bytes the harness writes to `{config_path}` (RepetitionRunner writes `CanonicalJSON.data(config)`).
    private func bytes(_ config: InvocationConfig) throws -> [UInt8] {
        Array(try CanonicalJSON.data(config))
    }

    @Test func theReadmeExampleIsWrittenByteForByte() throws {
        let config = InvocationConfig(benchmark: "solve_time", seed: 478163327, corpusPath: "", repetitionIndex: 0, repetitionTotal: 8,
                                      artifactPath: nil)
        #expect(try bytes(config) == Array(
            #"{"artifact_path":null,"benchmark":"solve_time","corpus_path":"","repetition_index":0,"repetition_total":8,"seed":478163327}"#.utf8))
    }

    @Test func anArtifactPathAndACorpusPathAreWrittenWithUnescapedSlashes() throws {
        let config = InvocationConfig(benchmark: "answers", seed: 7, corpusPath: "/srv/corpus/v2", repetitionIndex: 2, repetitionTotal: 3,
                                      artifactPath: "/tmp/git-bench-rep-AbC123/artifact.bin")
        #expect(try bytes(config) == Array(
            #"{"artifact_path":"/tmp/git-bench-rep-AbC123/artifact.bin","benchmark":"answers","corpus_path":"/srv/corpus/v2","repetition_index":2,"repetition_total":3,"seed":7}"#.utf8))
    }

    @Test func quotesBackslashesControlCharactersAndNonASCIIAreWrittenAsToday() throws {
        let config = InvocationConfig(benchmark: "naïve \"quoted\" back\\slash", seed: 0,
                                      corpusPath: "/data/корпус/tab\there/new\nline/\u{1}/日本.txt",
                                      repetitionIndex: 0, repetitionTotal: 1, artifactPath: nil)
        let expected = #"{"artifact_path":null,"benchmark":"naïve \"quoted\" back\\slash","corpus_path":"/data/корпус/tab\there/new\nline/\u0001/日本.txt","repetition_index":0,"repetition_total":1,"seed":0}"#
        #expect(try bytes(config) == Array(expected.utf8))
        // Non-ASCII goes out as raw UTF-8 (not \u escapes): "ï" is the two bytes C3 AF.
        #expect(try bytes(config).starts(with: Array(#"{"artifact_path":null,"benchmark":"na"#.utf8) + [0xC3, 0xAF]))
    }

    @Test func extremeSeedsAndIndicesAreWrittenAsPlainIntegers() throws {
        let config = InvocationConfig(benchmark: "b", seed: Int64.max, corpusPath: "", repetitionIndex: 999, repetitionTotal: 1000,
                                      artifactPath: nil)
        #expect(try bytes(config) == Array(
            #"{"artifact_path":null,"benchmark":"b","corpus_path":"","repetition_index":999,"repetition_total":1000,"seed":9223372036854775807}"#.utf8))
        let negative = InvocationConfig(benchmark: "b", seed: -5, corpusPath: "", repetitionIndex: 0, repetitionTotal: 1, artifactPath: nil)
        #expect(try bytes(negative) == Array(
            #"{"artifact_path":null,"benchmark":"b","corpus_path":"","repetition_index":0,"repetition_total":1,"seed":-5}"#.utf8))
    }

    @Test func theWrittenBytesDecodeBackToTheSameConfig() throws {
        for artifactPath in [nil, "/tmp/a/artifact.bin"] {
            let config = InvocationConfig(benchmark: "naïve \"q\"", seed: 42, corpusPath: "/c", repetitionIndex: 1, repetitionTotal: 2,
                                          artifactPath: artifactPath)
            #expect(try JSONDecoder().decode(InvocationConfig.self, from: CanonicalJSON.data(config)) == config)
        }
    }
}
