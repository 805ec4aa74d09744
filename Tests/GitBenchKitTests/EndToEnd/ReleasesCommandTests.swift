import Foundation
import Testing
@testable import GitBenchKit

/// `git bench releases`: the repository root's BENCH_PARITY.yaml as a table or JSON, from any directory inside it.
@Suite struct ReleasesCommandTests {
    @Test func showsTheRootsParityFileFromASubdirectory() throws {
        let fixture = try BenchFixture(register: false)
        let parity = ReleaseHistoryTests.parity
        try parity.appending([], replacing: false).write(to: fixture.repo.url.appendingPathComponent(BenchParity.fileName), keepingHeaderOf: nil)
        let result = try fixture.bench(["releases"], in: fixture.repo.url.appendingPathComponent("bench"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == ReleasesTable.render(ReleaseHistory(parity), fileExists: true))
        #expect(result.stdout.hasPrefix("package               version  cycle  released    locomo"), "\(result.stdout)")

        let json = try fixture.bench("releases", "--json")
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout == (try JSONDocument.render(ReleaseHistory(parity))))
        #expect(json.stderr == "")
    }

    @Test func noFileIsAnEmptyTableSayingSo() throws {
        let fixture = try BenchFixture(register: false)
        let result = try fixture.bench("releases")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "no BENCH_PARITY.yaml in this repository: no releases recorded\n")
        let json = try fixture.bench("releases", "--json")
        #expect(json.status == 0 && json.stdout.contains("\"releases\" : [\n\n  ]"))
    }

    @Test func aMalformedFileIsOneLineAndExit65() throws {
        let fixture = try BenchFixture(register: false)
        try fixture.repo.write(BenchParity.fileName, "releases:\n  - package: [astrocyte\n")
        let result = try fixture.bench("releases")
        #expect(result.status == 65)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.contains(BenchParity.fileName) == true, "\(result.stderr)")
    }

    @Test func outsideARepositoryIsMissingInput() throws {
        let fixture = try BenchFixture(register: false)
        let outside = fixture.repo.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let result = try fixture.bench(["releases"], in: outside)
        #expect(result.status == 66, "\(result.stderr)")
    }
}
