import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import GitBenchKit

/// A real moto_server (S3 and IAM in memory) on 127.0.0.1 and a free port, for the HTTP/S3 tests. It runs under a
/// small shell watchdog that kills it when `stop()` is called or when this test process goes away, so a crashed or
/// finished test run never leaves a server behind. Suites share one per configuration (`static let`) to keep the
/// start-up count (about 1 s each) low.
final class MotoServer: @unchecked Sendable {
    let port: UInt16
    let endpoint: URL
    private let watchdog: Process
    private let scratch: URL

    /// Starts moto_server and returns once it accepts connections. `noAuthRequests` > 0 turns SigV4 and IAM checks
    /// on after that many requests (moto's INITIAL_NO_AUTH_ACTION_COUNT), which `createIAMKey` spends.
    init(noAuthRequests: Int? = nil) throws {
        port = try Self.freePort()
        endpoint = URL(string: "http://127.0.0.1:\(port)")!
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let script = """
            moto_server -H 127.0.0.1 -p "$1" >"$2" 2>&1 &
            server=$!
            while kill -0 "$3" 2>/dev/null && kill -0 $server 2>/dev/null && [ ! -e "$4" ]; do sleep 0.2; done
            kill -9 $server 2>/dev/null
            """
        watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", script, "moto-watchdog", String(port), scratch.appendingPathComponent("moto.log").path,
                              String(ProcessInfo.processInfo.processIdentifier),
                              scratch.appendingPathComponent("stop").path]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin") + ":" + NSHomeDirectory() + "/.local/bin"
        environment.removeValue(forKey: "INITIAL_NO_AUTH_ACTION_COUNT")
        if let noAuthRequests { environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(noAuthRequests) }
        watchdog.environment = environment
        // Inherited pipes would keep `swift test` waiting for EOF after this process is done, while the watchdog
        // waits for this process to be reaped.
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
        // A TCP connect, not an HTTP request: with auth on, every request counts against noAuthRequests.
        for _ in 0..<300 {
            if Self.accepts(port: port) { return }
            guard watchdog.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let log = (try? String(contentsOf: scratch.appendingPathComponent("moto.log"), encoding: .utf8)) ?? ""
        stop()
        throw TestRepoError.setup("moto_server did not start on port \(port) (is it on PATH? pip install 'moto[server]'): \(log)")
    }

    deinit { stop() }

    func stop() {
        // A file, not a signal: children inherit the test runner's blocked SIGTERM, which a shell cannot undo.
        if watchdog.isRunning {
            // Without the file the watchdog still ends with this process; waiting for it here would hang.
            if FileManager.default.createFile(atPath: scratch.appendingPathComponent("stop").path, contents: nil) {
                watchdog.waitUntilExit()
            }
        }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A bucket name no other test uses (3–63 lower-case characters).
    static func uniqueBucket(_ prefix: String = "t") -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(18))"
    }

    /// A client for `bucket` on this server.
    func client(bucket: String, credentials: S3Credentials = S3Credentials(accessKeyID: "testing", secretAccessKey: "testing"),
                retry: S3RetryPolicy = S3RetryPolicy(maxAttempts: 3, baseDelay: 0.05, maxDelay: 0.2)) -> S3Client {
        S3Client(endpoint: endpoint, region: "us-east-1", bucket: bucket, credentials: credentials, retry: retry, timeout: 30)
    }

    /// Creates an IAM user allowed s3:*, and an access key for it, with boto3 (three requests).
    func createIAMKey(user: String = "git-bench-test") throws -> S3Credentials {
        let script = """
            import json, sys, boto3
            iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                               aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
            iam.create_user(UserName=sys.argv[2])
            iam.put_user_policy(UserName=sys.argv[2], PolicyName="s3-all", PolicyDocument=json.dumps({
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
            key = iam.create_access_key(UserName=sys.argv[2])["AccessKey"]
            print(key["AccessKeyId"], key["SecretAccessKey"])
            """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", script, endpoint.absoluteString, user])
        let words = result.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        guard result.status == 0, words.count == 2 else {
            throw TestRepoError.setup("could not create an IAM key on moto: \(result.stderr)")
        }
        return S3Credentials(accessKeyID: words[0], secretAccessKey: words[1])
    }

    /// A port nothing listens on right now (bound to 0 and released).
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw TestRepoError.setup("could not find a free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func accepts(port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
