import Foundation
import Testing

@testable import GitBenchKit

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndSetReplacesEveryCasing() {
        var headers = HTTPHeaders([("ETag", "\"abc\""), ("content-type", "text/plain")])
        #expect(headers["etag"] == "\"abc\"")
        #expect(headers["Content-Type"] == "text/plain")
        headers.set("CONTENT-TYPE", "application/json")
        #expect(headers.fields.count == 2)
        #expect(headers["content-type"] == "application/json")
        #expect(headers["missing"] == nil)
    }
}
