import Testing
@testable import GitBenchKit

/// What `register` and `unregister` print.
@Suite struct RegistrationViewTests {
    static let view = RegistrationView(name: "Sample", path: "/src/sample", manifestHash: "sha256:a431cd2e", benchmarks: ["quality", "speed"])

    @Test func aRegistrationNamesTheRootTheManifestAndTheBenchmarks() throws {
        #expect(Self.view.text == """
            registered Sample  /src/sample
              manifest: sha256:a431cd2e
              benchmarks: quality, speed

            """)
        #expect(try JSONDocument.render(Self.view) == """
            {
              "benchmarks" : [
                "quality",
                "speed"
              ],
              "manifest_hash" : "sha256:a431cd2e",
              "name" : "Sample",
              "path" : "/src/sample"
            }

            """)
    }

    @Test func unregisteringSaysTheRunsStay() {
        #expect(RegistrationView.unregistered("Sample") == "unregistered Sample (its runs stay in the store)\n")
    }
}
