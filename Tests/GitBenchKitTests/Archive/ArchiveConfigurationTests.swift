import Foundation
import Testing
@testable import GitBenchKit

/// Where the archive is: git config first, then the seed's six R2_* variables, then the harness home; credentials only
/// from the environment, and never in a description.
@Suite struct ArchiveConfigurationTests {
    let home = HarnessHome(root: URL(fileURLWithPath: "/tmp/gb-home"))
    let base = URL(fileURLWithPath: "/work/repo")
    static let r2 = ["R2_ACCOUNT_ID": "abc123", "R2_ACCESS_KEY_ID": "r2-key", "R2_SECRET_ACCESS_KEY": "r2-secret-value", "R2_BUCKET": "astrocyte-benchmarks",
                     "R2_BUCKET_PUBLIC": "astrocyte-benchmarks-public", "R2_PUBLIC_URL": "https://pub-1.r2.dev"]

    @Test func withNothingConfiguredTheArchiveIsTheHomesFileStore() throws {
        let configuration = try ArchiveConfiguration.resolve(.init(), environment: [:], home: home, base: base)
        #expect(configuration.origin == .defaultHome)
        #expect(configuration.privateLocation == .file(URL(fileURLWithPath: "/tmp/gb-home/archive/private")))
        #expect(configuration.publicLocation == .file(URL(fileURLWithPath: "/tmp/gb-home/archive/public")))
        #expect(configuration.defaultStage == "local-ad-hoc")
        #expect(configuration.isLocal)
    }

    @Test func theSixR2VariablesNameTheAccountEndpointWithRegionAuto() throws {
        let configuration = try ArchiveConfiguration.resolve(.init(), environment: Self.r2, home: home, base: base)
        #expect(configuration.origin == .r2)
        let endpoint = URL(string: "https://abc123.r2.cloudflarestorage.com")!
        #expect(configuration.privateLocation == .s3(endpoint: endpoint, region: "auto", bucket: "astrocyte-benchmarks"))
        #expect(configuration.publicLocation == .s3(endpoint: endpoint, region: "auto", bucket: "astrocyte-benchmarks-public"))
        #expect(configuration.badgeURL(bench: "locomo") == "https://pub-1.r2.dev/badges/locomo.json")
        #expect(!configuration.description.contains("r2-secret-value") && configuration.description.contains("r2-key"))
        #expect(!String(reflecting: configuration).contains("r2-secret-value"))
    }

    @Test func someButNotAllR2VariablesIsAnErrorNamingTheMissingOnes() throws {
        var partial = Self.r2
        partial["R2_BUCKET_PUBLIC"] = nil
        partial["R2_PUBLIC_URL"] = ""
        #expect(throws: ArchiveConfigurationError.incompleteR2(missing: ["R2_BUCKET_PUBLIC", "R2_PUBLIC_URL"])) {
            try ArchiveConfiguration.resolve(.init(), environment: partial, home: home, base: base)
        }
    }

    @Test func gitConfigWinsOverR2AndAnS3BucketUsesTheGenericEndpointAndKeys() throws {
        var environment = Self.r2
        environment.merge(["GIT_BENCH_S3_ENDPOINT": "http://127.0.0.1:9000", "AWS_ACCESS_KEY_ID": "aws-key", "AWS_SECRET_ACCESS_KEY": "aws-secret",
                           "AWS_REGION": "eu-west-1"]) { $1 }
        let configuration = try ArchiveConfiguration.resolve(.init(url: "s3://team-bench", stage: "weekly-ci"), environment: environment, home: home, base: base)
        #expect(configuration.origin == .gitConfig)
        #expect(configuration.privateLocation == .s3(endpoint: URL(string: "http://127.0.0.1:9000")!, region: "eu-west-1", bucket: "team-bench"))
        // One bucket holds both halves unless a public one is named.
        #expect(configuration.publicLocation == configuration.privateLocation)
        #expect(configuration.defaultStage == "weekly-ci")
        #expect(!configuration.description.contains("aws-secret"))
        // Without GIT_BENCH_S3_ENDPOINT: AWS's regional endpoint.
        let aws = try ArchiveConfiguration.resolve(.init(url: "s3://team-bench", region: "us-west-2"),
                                                   environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"], home: home, base: base)
        #expect(aws.privateLocation == .s3(endpoint: URL(string: "https://s3.us-west-2.amazonaws.com")!, region: "us-west-2", bucket: "team-bench"))
    }

    @Test func aFileURLHoldsPrivateAndPublicHalvesAndARelativeOneIsTheRepositorys() throws {
        let configuration = try ArchiveConfiguration.resolve(.init(url: "file://shared/archive"), environment: [:], home: home, base: base)
        #expect(configuration.privateLocation == .file(URL(fileURLWithPath: "/work/repo/shared/archive/private")))
        #expect(configuration.publicLocation == .file(URL(fileURLWithPath: "/work/repo/shared/archive/public")))
    }

    @Test func badSettingsAreErrorsThatNameTheSettingAndNoSecret() throws {
        let keys = ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"]
        #expect(throws: ArchiveConfigurationError.missingCredentials(variables: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])) {
            try ArchiveConfiguration.resolve(.init(url: "s3://team-bench"), environment: [:], home: home, base: base)
        }
        for bucket in ["s3://UPPER", "s3://a", "s3://../etc", "s3://bad_bucket", "s3://-dash"] {
            #expect(throws: ArchiveConfigurationError.self) { try ArchiveConfiguration.resolve(.init(url: bucket), environment: keys, home: home, base: base) }
        }
        do {
            _ = try ArchiveConfiguration.resolve(.init(url: "https://user:hunter2@example.com/bucket"), environment: keys, home: home, base: base)
            Issue.record("an https:// archive URL was accepted")
        } catch {
            #expect("\(error)".contains("bench.archive.url") && !"\(error)".contains("hunter2"), "\(error)")
        }
        #expect(throws: ArchiveConfigurationError.self) {
            try ArchiveConfiguration.resolve(.init(url: "s3://team-bench"), environment: keys.merging(["GIT_BENCH_S3_ENDPOINT": "ftp://x"]) { $1 },
                                             home: home, base: base)
        }
        #expect(throws: ArchiveConfigurationError.self) { try ArchiveConfiguration.resolve(.init(stage: "a/b"), environment: [:], home: home, base: base) }
    }
}

/// A server that ignores conditional headers: the probe says so, and the archiver then writes entry objects only,
/// which `rebuild-trajectory` merges. moto honours the headers, so this one fault is made with a wrapper.
@Suite struct UntrustedStoreTests {
    /// A real file:// store whose writes drop their condition, as older MinIO builds did.
    struct IgnoringConditions: ObjectStore {
        let inner: FileObjectStore
        func get(_ key: String) throws(ObjectStoreError) -> StoredObject? { try inner.get(key) }
        func put(_ key: String, _ bytes: Data, contentType: String, condition: WriteCondition) throws(ObjectStoreError) -> String {
            try inner.put(key, bytes, contentType: contentType, condition: .none)
        }
        func head(_ key: String) throws(ObjectStoreError) -> ObjectInfo? { try inner.head(key) }
        func list(prefix: String) throws(ObjectStoreError) -> [ObjectInfo] { try inner.list(prefix: prefix) }
        func delete(_ key: String) throws(ObjectStoreError) { try inner.delete(key) }
    }

    @Test func theProbeFindsIgnoredConditionsAndTheArchiverWritesEntryObjectsOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gb-untrusted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let honest = FileObjectStore(root: root)
        let store = IgnoringConditions(inner: honest)
        #expect(ArchiveProbe.run(honest).honoursConditionalWrites)
        let outcome = ArchiveProbe.run(store)
        #expect(outcome.reachable && !outcome.honoursConditionalWrites)
        #expect(outcome.checks.first { $0.name == "second create refused" }?.passed == false)
        #expect(try honest.list(prefix: "selftest/").isEmpty)

        let started = Date(timeIntervalSince1970: 1_778_234_592)
        let entry = ManifestEntry(date: "", stage: "pr1-gate", bench: "locomo", sha: "1a2b3c4", harness: "pageindex", uploadedAt: "", resultKey: "",
                                  overall: 0.84, categories: [:], nQuestions: 200, judge: "llm", model: nil)
        let payload = ArchivePayload(document: Data("{\"overall_accuracy\": 0.84}".utf8), startedAt: started, stage: "pr1-gate", bench: "locomo",
                                     sha7: "1a2b3c4", entry: entry, label: "one")
        let report = Archiver(privateStore: store, trustsConditionalWrites: false).upload([payload])
        #expect(report.failures.isEmpty && report.archived.count == 1)
        #expect(report.warnings.contains { $0.contains("ignores conditional writes") })
        #expect(try honest.get("runs/2026-05-08/manifest.json") == nil)
        #expect(try honest.list(prefix: "runs/2026-05-08/entries/").count == 1)
        // The rebuild, from one machine, merges it.
        let summary = try TrajectoryRebuild(privateStore: honest, publicStore: FileObjectStore(root: root.appendingPathComponent("public"))).run()
        #expect(summary.daysRepaired == ["2026-05-08"] && summary.entries == 1)
        #expect(try DayManifest.decode(try #require(try honest.get("runs/2026-05-08/manifest.json")).bytes, key: "m").runs.count == 1)
    }
}
