import Foundation
import Testing
@testable import GitBenchKit

/// `git bench projects`, and the hints that point at it.
@Suite struct ProjectsCommandTests {
    static let sampleBenchmarks = BenchFixture.manifest.components(separatedBy: "[[benchmarks]]").count - 1

    /// A second project, "Other", registered in `fixture`'s home.
    private func registerOther(in fixture: BenchFixture) throws -> TestRepo {
        let other = try TestRepo()
        try other.write("bench/manifest.toml", BenchFixture.manifest.replacingOccurrences(of: "name = \"Sample\"", with: "name = \"Other\""))
        try other.write("bench/runner.sh", BenchFixture.runner, executable: true)
        try other.commit("add benchmarks", time: 1)
        let registered = try fixture.bench("register", other.url.path)
        guard registered.status == 0 else { throw TestRepoError.setup("register Other failed: \(registered.stderr)") }
        return other
    }

    @Test func listsEachRegisteredProjectWithItsBenchmarksAndRoot() throws {
        let fixture = try BenchFixture()
        let other = try registerOther(in: fixture)
        // A project whose manifest is gone is listed with why, not dropped and not fatal.
        try FileManager.default.removeItem(at: other.url.appendingPathComponent("bench/manifest.toml"))
        let result = try fixture.bench("projects")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "project  benchmarks  root")
        #expect(lines.dropFirst().first?.hasPrefix("Other    -           \(other.url.path) (") == true, "\(result.stdout)")
        #expect(lines.last == "Sample   \(String(Self.sampleBenchmarks).padding(toLength: 10, withPad: " ", startingAt: 0))  \(fixture.repo.url.path)")

        let json = try fixture.bench("projects", "--json")
        #expect(json.status == 0)
        let projects = try JSONDecoder().decode([String: [ProjectSummary]].self, from: Data(json.stdout.utf8))["projects"] ?? []
        #expect(projects.map(\.name) == ["Other", "Sample"])
        #expect(projects.last == ProjectSummary(name: "Sample", path: fixture.repo.url.path, benchmarks: Self.sampleBenchmarks))
        #expect(projects.first?.benchmarks == nil && projects.first?.problem != nil)
    }

    @Test func unregisterSaysWhichRegistrationItRemovedInJSON() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("unregister", "Sample", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let removed = try JSONDecoder().decode(RegisteredProject.self, from: Data(result.stdout.utf8))
        #expect(removed.name == "Sample" && removed.path == fixture.repo.url.path && removed.manifestHash.hasPrefix("sha256:"))
        #expect(try fixture.bench("projects").stdout == "no registered projects; `git bench register` in a repository registers one\n")
        #expect(try fixture.bench("register").status == 0)
        #expect(try fixture.bench("unregister", "Sample").stdout == "unregistered Sample (its runs stay in the store)\n")
    }

    @Test func anEmptyHomeSaysHowToRegister() throws {
        let fixture = try BenchFixture(register: false)
        let result = try fixture.bench("projects")
        #expect(result.status == 0)
        #expect(result.stdout == "no registered projects; `git bench register` in a repository registers one\n")
        #expect(try fixture.bench("projects", "--json").stdout == "{\n  \"projects\" : [\n\n  ]\n}\n")
    }

    @Test func anUnknownProjectPointsAtProjectsOrTheNearestName() throws {
        let fixture = try BenchFixture()
        let unknown = try fixture.bench("list", "--project", "Nowhere")
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "git-bench: error: no registered project named Nowhere; `git bench projects` lists the registered ones\n")
        let typo = try fixture.bench("status", "--project", "Sampel")
        #expect(typo.stderr == "git-bench: error: no registered project named Sampel; did you mean Sample?\n")
        let unregister = try fixture.bench("unregister", "sample")
        #expect(unregister.status == 64)
        #expect(unregister.stderr == "git-bench: error: no registered project named sample; did you mean Sample?\n")
    }
}
