import Testing
@testable import GitBenchKit

/// The one JSON form of `--json`.
@Suite struct JSONDocumentTests {
    @Test func documentsArePrettySortedUnescapedAndEndInANewline() throws {
        #expect(try JSONDocument.render(["zip_path": "/srv/a.zip", "jobs": "1"]) == """
            {
              "jobs" : "1",
              "zip_path" : "/srv/a.zip"
            }

            """)
    }
}
