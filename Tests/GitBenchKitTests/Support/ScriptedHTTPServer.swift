import Foundation

/// A tiny HTTP server (Python's http.server) that answers requests with a scripted list of statuses, the last one
/// repeating, and logs each request line. Only for faults moto cannot produce on demand: 5xx answers and AWS's 409
/// ConditionalRequestConflict. It exits when stopped or when this test process goes away.
final class ScriptedHTTPServer {
    let endpoint: URL
    private let process: Process
    private let scratch: URL

    init(statuses: [Int]) throws {
        let port = try MotoServer.freePort()
        endpoint = URL(string: "http://127.0.0.1:\(port)")!
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-scripted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let script = """
            import http.server, os, signal, sys, threading, time
            # The test runner's threads block SIGTERM, and a child inherits the mask: undo it so terminate() works.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            parent = os.getppid()
            def watch():
                while os.getppid() == parent:
                    time.sleep(0.2)
                os._exit(0)
            threading.Thread(target=watch, daemon=True).start()
            statuses = [int(s) for s in sys.argv[2].split(",")]
            log = open(sys.argv[3], "a")
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def answer(self):
                    self.rfile.read(int(self.headers.get("Content-Length") or 0))
                    status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
                    log.write(f"{self.command} {self.path} {status}\\n")
                    log.flush()
                    body = b"ok" if status < 300 else f"<Error><Code>Scripted{status}</Code></Error>".encode()
                    self.send_response(status)
                    self.send_header("ETag", '"scripted"')
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(body)
                do_GET = do_PUT = do_HEAD = do_DELETE = answer
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(port), statuses.map(String.init).joined(separator: ","),
                             scratch.appendingPathComponent("requests.log").path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if MotoServer.accepts(port: port) { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw TestRepoError.setup("the scripted HTTP server did not start on port \(port)")
    }

    deinit { stop() }

    /// Each request it answered: "METHOD PATH STATUS".
    func requests() -> [String] {
        let text = (try? String(contentsOf: scratch.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: scratch)
    }
}
