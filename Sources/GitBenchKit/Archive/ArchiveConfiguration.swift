import Foundation

/// Where the archive lives and how to reach it, resolved once from git config and the environment.
///
/// In order: `bench.archive.url` (`file://DIR`, holding `DIR/private` and `DIR/public`; or `s3://BUCKET` at
/// `GIT_BENCH_S3_ENDPOINT`, else `bench.archive.endpoint`, else AWS's regional endpoint, signed with
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` in `AWS_REGION`, else `bench.archive.region`, else us-east-1); then the
/// seed's six `R2_*` variables (endpoint `https://<account>.r2.cloudflarestorage.com`, region `auto`); then the default,
/// `file://$GIT_BENCH_HOME/archive`. The public bucket is `bench.archive.publicUrl` (or `R2_BUCKET_PUBLIC`), else
/// the private store's own `public/` (file) or the private bucket itself (S3, where `trajectory/` and `badges/` do not
/// clash with `runs/`). Credentials come only from the environment, never from git config, and no description of
/// this value shows a secret.
public struct ArchiveConfiguration: Sendable, CustomStringConvertible {
    /// Where the settings came from, for `archive selftest` and errors.
    public enum Origin: String, Sendable { case gitConfig = "bench.archive.url", r2 = "R2_* environment", defaultHome = "default" }

    public enum StoreLocation: Sendable, Equatable {
        case file(URL)
        case s3(endpoint: URL, region: String, bucket: String)
    }

    public let origin: Origin
    public let privateLocation: StoreLocation
    public let publicLocation: StoreLocation
    /// Where browsers read the public bucket (`R2_PUBLIC_URL`, `bench.archive.publicWebUrl`), for badge URLs.
    public let publicWebURL: String?
    /// Stage of run sets archived without `--stage` (`bench.archive.stage`, default `local-ad-hoc`).
    public let defaultStage: String
    let credentials: S3Credentials?
    /// How S3 requests retry and how long one may take: `archive` waits out a flaky server; the archive after a run
    /// gives up sooner (`forAutomaticArchive`), since the run is done and `rescan` can upload later.
    public var retry: S3RetryPolicy = .standard
    public var timeout: TimeInterval = 60

    /// The git config values `resolve` reads (`bench.archive.*`); nil when unset.
    public struct Settings: Sendable, Equatable {
        public var url: String?
        public var publicURL: String?
        public var publicWebURL: String?
        public var endpoint: String?
        public var region: String?
        public var stage: String?

        public init(url: String? = nil, publicURL: String? = nil, publicWebURL: String? = nil, endpoint: String? = nil, region: String? = nil,
                    stage: String? = nil) {
            self.url = url
            self.publicURL = publicURL
            self.publicWebURL = publicWebURL
            self.endpoint = endpoint
            self.region = region
            self.stage = stage
        }
    }

    public static let r2Variables = ["R2_ACCOUNT_ID", "R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY", "R2_BUCKET", "R2_BUCKET_PUBLIC", "R2_PUBLIC_URL"]
    public static let defaultStageName = "local-ad-hoc"

    /// Resolves the archive of a repository whose git config gave `settings`; `base` resolves relative `file://` paths.
    /// Throws `ArchiveConfigurationError` for a URL it cannot use or S3 without credentials.
    public static func resolve(_ settings: Settings, environment: [String: String], home: HarnessHome,
                               base: URL) throws(ArchiveConfigurationError) -> ArchiveConfiguration {
        let stage = settings.stage ?? defaultStageName
        do { try ArchiveKey.validate(stage: stage) } catch { throw .invalid(setting: "bench.archive.stage", reason: error.description) }
        func nonEmpty(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let url = settings.url {
            let privateLocation = try location(url, setting: "bench.archive.url", settings: settings, environment: environment, base: base)
            var publicLocation = privateLocation
            if let publicURL = settings.publicURL {
                publicLocation = try location(publicURL, setting: "bench.archive.publicUrl", settings: settings, environment: environment, base: base)
            }
            let (privateStore, publicStore) = split(privateLocation, publicLocation, explicitPublic: settings.publicURL != nil)
            let needsKeys = [privateStore, publicStore].contains { if case .s3 = $0 { return true } else { return false } }
            var credentials: S3Credentials?
            if needsKeys {
                guard let id = nonEmpty("AWS_ACCESS_KEY_ID"), let secret = nonEmpty("AWS_SECRET_ACCESS_KEY") else {
                    throw .missingCredentials(variables: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
                }
                credentials = S3Credentials(accessKeyID: id, secretAccessKey: secret)
            }
            return ArchiveConfiguration(origin: .gitConfig, privateLocation: privateStore, publicLocation: publicStore,
                                        publicWebURL: settings.publicWebURL ?? nonEmpty("R2_PUBLIC_URL"), defaultStage: stage, credentials: credentials)
        }
        let presentR2 = r2Variables.filter { nonEmpty($0) != nil }
        if presentR2.count == r2Variables.count, let account = nonEmpty("R2_ACCOUNT_ID"), let id = nonEmpty("R2_ACCESS_KEY_ID"),
           let secret = nonEmpty("R2_SECRET_ACCESS_KEY"), let bucket = nonEmpty("R2_BUCKET"), let publicBucket = nonEmpty("R2_BUCKET_PUBLIC") {
            guard account.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
                  let endpoint = URL(string: "https://\(account).r2.cloudflarestorage.com") else {
                throw .invalid(setting: "R2_ACCOUNT_ID", reason: "an account id is letters, digits and '-'")
            }
            try validateBucket(bucket, setting: "R2_BUCKET")
            try validateBucket(publicBucket, setting: "R2_BUCKET_PUBLIC")
            return ArchiveConfiguration(origin: .r2, privateLocation: .s3(endpoint: endpoint, region: "auto", bucket: bucket),
                                        publicLocation: .s3(endpoint: endpoint, region: "auto", bucket: publicBucket),
                                        publicWebURL: nonEmpty("R2_PUBLIC_URL"), defaultStage: stage,
                                        credentials: S3Credentials(accessKeyID: id, secretAccessKey: secret))
        }
        if !presentR2.isEmpty && presentR2.count < r2Variables.count {
            throw .incompleteR2(missing: r2Variables.filter { nonEmpty($0) == nil })
        }
        let archive = home.root.appendingPathComponent("archive")
        return ArchiveConfiguration(origin: .defaultHome, privateLocation: .file(archive.appendingPathComponent("private")),
                                    publicLocation: .file(archive.appendingPathComponent("public")), publicWebURL: settings.publicWebURL,
                                    defaultStage: stage, credentials: nil)
    }

    /// `file://DIR` as the private URL holds both halves (`DIR/private`, `DIR/public`) unless a public URL was given.
    private static func split(_ privateLocation: StoreLocation, _ publicLocation: StoreLocation, explicitPublic: Bool) -> (StoreLocation, StoreLocation) {
        guard case .file(let root) = privateLocation else { return (privateLocation, publicLocation) }
        let privateStore = StoreLocation.file(root.appendingPathComponent("private"))
        if explicitPublic {
            if case .file(let publicRoot) = publicLocation { return (privateStore, .file(publicRoot)) }
            return (privateStore, publicLocation)
        }
        return (privateStore, .file(root.appendingPathComponent("public")))
    }

    private static func location(_ url: String, setting: String, settings: Settings, environment: [String: String],
                                 base: URL) throws(ArchiveConfigurationError) -> StoreLocation {
        let lowered = url.lowercased()
        if lowered.hasPrefix("file://") {
            do {
                return .file(try FileObjectStore(url: url, relativeTo: base).root)
            } catch {
                throw .invalid(setting: setting, reason: error.description)
            }
        }
        guard lowered.hasPrefix("s3://") else {
            throw .invalid(setting: setting, reason: "expected file://DIR or s3://BUCKET, found \(Redaction.urls(in: url))")
        }
        let bucket = String(url.dropFirst("s3://".count)).trimmingSuffix("/")
        try validateBucket(bucket, setting: setting)
        let region = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.region ?? "us-east-1"
        let endpointText = environment["GIT_BENCH_S3_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.endpoint
            ?? "https://s3.\(region).amazonaws.com"
        guard let endpoint = URL(string: endpointText), let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https",
              endpoint.host != nil, endpoint.user == nil, endpoint.password == nil else {
            throw .invalid(setting: "GIT_BENCH_S3_ENDPOINT", reason: "expected an http(s)://HOST[:PORT] URL without credentials, found \(Redaction.urls(in: endpointText))")
        }
        return .s3(endpoint: endpoint, region: region, bucket: bucket)
    }

    /// S3's bucket naming rules, which also keep the name safe in a path-style URL.
    static func validateBucket(_ bucket: String, setting: String) throws(ArchiveConfigurationError) {
        let bytes = Array(bucket.utf8)
        let allowed = bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard (3...63).contains(bytes.count), allowed, let first = bytes.first, let last = bytes.last,
              first != UInt8(ascii: "-") && first != UInt8(ascii: "."), last != UInt8(ascii: "-") && last != UInt8(ascii: "."),
              !bucket.contains("..") else {
            throw .invalid(setting: setting, reason: "\(ObjectKey.quoted(bucket)) is not a bucket name (3-63 lowercase letters, digits, '-' and '.')")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The object store at `location`.
    public func store(_ location: StoreLocation, http: HTTPClient = HTTPClient()) -> any ObjectStore {
        switch location {
        case .file(let root): return FileObjectStore(root: root)
        case .s3(let endpoint, let region, let bucket):
            return S3ObjectStore(client: S3Client(endpoint: endpoint, region: region, bucket: bucket,
                                                  credentials: credentials ?? S3Credentials(accessKeyID: "", secretAccessKey: ""),
                                                  retry: retry, timeout: timeout, http: http))
        }
    }

    /// This configuration with the short patience of the archive after a run: 3 tries, 15 s per request.
    public func forAutomaticArchive() -> ArchiveConfiguration {
        var copy = self
        copy.retry = S3RetryPolicy(maxAttempts: 3, baseDelay: 0.1, maxDelay: 1)
        copy.timeout = 15
        return copy
    }

    /// The private and public stores, sharing one HTTP client.
    public func stores() -> (private: any ObjectStore, public: any ObjectStore) {
        let http = HTTPClient()
        return (store(privateLocation, http: http), store(publicLocation, http: http))
    }

    /// `file:///…` or `s3://bucket (endpoint)`: never a secret.
    public static func describe(_ location: StoreLocation) -> String {
        switch location {
        case .file(let root): return "file://" + root.path
        case .s3(let endpoint, _, let bucket): return "s3://\(bucket) at \(Redaction.urls(in: endpoint.absoluteString))"
        }
    }

    public var description: String {
        "private \(Self.describe(privateLocation)), public \(Self.describe(publicLocation))"
            + (credentials.map { " with \($0)" } ?? "")
    }

    /// True when both halves are `file://` stores, whose conditional writes are atomic (flock).
    public var isLocal: Bool {
        if case .file = privateLocation, case .file = publicLocation { return true }
        return false
    }

    /// The public badge URL of `bench`, when a public web URL is configured.
    public func badgeURL(bench: String) -> String? {
        publicWebURL.map { $0.trimmingSuffix("/") + "/badges/\(bench).json" }
    }
}

/// An archive configuration git-bench cannot use (exit 78).
public enum ArchiveConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalid(setting: String, reason: String)
    case missingCredentials(variables: [String])
    case incompleteR2(missing: [String])

    public var description: String {
        switch self {
        case .invalid(let setting, let reason): return "invalid archive setting \(setting): \(reason)"
        case .missingCredentials(let variables): return "an s3:// archive needs \(variables.joined(separator: " and ")) in the environment"
        case .incompleteR2(let missing):
            return "the R2 archive needs all six R2_* variables; missing: \(missing.joined(separator: ", "))"
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) && text.count > suffix.count { text.removeLast(suffix.count) }
        return text
    }
}
