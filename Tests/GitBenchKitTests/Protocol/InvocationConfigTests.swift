import Foundation
import Testing
@testable import GitBenchKit

/// The exact bytes of `config.json`, as benchstone 0.3.1 writes them (`json.dumps(asdict(cfg), sort_keys=True)`).
/// Each golden below is what `benchstone.protocol.InvocationConfig(...).to_json()` printed for the same values.
/// A runner that greps `"seed": *[0-9]*` and takes awk's second field depends on every byte.
@Suite struct InvocationConfigTests {
    private func text(_ config: InvocationConfig) -> String {
        String(decoding: config.fileContents, as: UTF8.self)
    }

    @Test func theReadmeExampleIsWrittenAsPythonWritesIt() {
        let config = InvocationConfig(benchmark: "solve_time", seed: 478163327, corpusPath: "", repetitionIndex: 0, repetitionTotal: 8,
                                      artifactPath: nil)
        #expect(text(config)
                == #"{"artifact_path": null, "benchmark": "solve_time", "corpus_path": "", "repetition_index": 0, "repetition_total": 8, "seed": 478163327}"#)
    }

    @Test func anArtifactPathAndACorpusPathAreWrittenWithUnescapedSlashes() {
        let config = InvocationConfig(benchmark: "answers", seed: 7, corpusPath: "/srv/corpus/v2", repetitionIndex: 2, repetitionTotal: 3,
                                      artifactPath: "/tmp/git-bench-rep-AbC123/artifact.bin")
        #expect(text(config) == #"{"artifact_path": "/tmp/git-bench-rep-AbC123/artifact.bin", "benchmark": "answers", "#
                + #""corpus_path": "/srv/corpus/v2", "repetition_index": 2, "repetition_total": 3, "seed": 7}"#)
    }

    @Test func quotesBackslashesControlCharactersAndNonASCIIAreEscapedAsPythonEscapesThem() {
        let config = InvocationConfig(benchmark: "naïve \"quoted\" back\\slash", seed: 0,
                                      corpusPath: "/data/корпус/tab\there/new\nline/\u{1}/日本.txt/\u{1F600}/\u{7F}/\u{8}\u{C}\r",
                                      repetitionIndex: 0, repetitionTotal: 1, artifactPath: nil)
        #expect(text(config) == #"{"artifact_path": null, "benchmark": "na\u00efve \"quoted\" back\\slash", "#
                + #""corpus_path": "/data/\u043a\u043e\u0440\u043f\u0443\u0441/tab\there/new\nline/\u0001/\u65e5\u672c.txt/\ud83d\ude00/\u007f/\b\f\r", "#
                + #""repetition_index": 0, "repetition_total": 1, "seed": 0}"#)
        // ASCII only: every byte is below 0x80.
        #expect(config.fileContents.allSatisfy { $0 < 0x80 })
    }

    @Test func extremeSeedsAndIndicesAreWrittenAsPlainIntegers() {
        let config = InvocationConfig(benchmark: "b", seed: Int64.max, corpusPath: "", repetitionIndex: 999, repetitionTotal: 1000,
                                      artifactPath: nil)
        #expect(text(config)
                == #"{"artifact_path": null, "benchmark": "b", "corpus_path": "", "repetition_index": 999, "repetition_total": 1000, "seed": 9223372036854775807}"#)
    }

    @Test func theWrittenBytesDecodeBackToTheSameConfig() throws {
        for artifactPath in [nil, "/tmp/a/artifact.bin"] {
            let config = InvocationConfig(benchmark: "naïve \"q\" 😀", seed: 42, corpusPath: "/c", repetitionIndex: 1, repetitionTotal: 2,
                                          artifactPath: artifactPath)
            #expect(try JSONDecoder().decode(InvocationConfig.self, from: config.fileContents) == config)
        }
    }
}
