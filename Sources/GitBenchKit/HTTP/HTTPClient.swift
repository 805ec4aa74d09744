import CCurl
import Foundation

// libcurl is loaded on first use (dlopen, see Sources/CCurl/shim.h), then curl_global_init must run once, before any
// handle, and is not thread-safe: a global `let` is initialised exactly once, lazily and atomically.
private let curlGlobalInit: CURLcode = ccurl_global_init()

/// Sends `HTTPRequest`s through libcurl's easy interface. Thread-safe: each `send` borrows an idle easy handle (or makes
/// one) and returns it afterwards, so consecutive requests reuse connections and concurrent ones never share a handle.
public final class HTTPClient: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlHandle] = []

    public init() {}

    /// Sends `request` and returns whatever status came back; only a failed exchange throws.
    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        guard curlGlobalInit == CURLE_OK else {
            throw .setup(reason: ccurl_available() == 0
                ? "libcurl could not be loaded (install libcurl4, e.g. apt-get install libcurl4-openssl-dev)"
                : "curl_global_init failed")
        }
        let handle = try borrow()
        defer { giveBack(handle) }
        return try handle.perform(request)
    }

    private func borrow() throws(HTTPError) -> CurlHandle {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        guard let handle = CurlHandle() else { throw .setup(reason: "curl_easy_init failed") }
        return handle
    }

    private func giveBack(_ handle: CurlHandle) {
        lock.lock()
        idle.append(handle)
        lock.unlock()
    }
}

/// Where libcurl's callbacks put what they receive; passed to them as an unretained pointer for one `perform`.
private final class ResponseSink {
    var body = Data()
    var headers = HTTPHeaders()
}

private let writeBody: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body.append($0, count: length) }
    return length
}

private let writeHeader: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }.trimmingCharacters(in: .whitespacesAndNewlines)
    // A new status line (after a 100 Continue or a redirect) starts a new header block.
    if line.hasPrefix("HTTP/") {
        sink.headers = HTTPHeaders()
    } else if let colon = line.firstIndex(of: ":") {
        sink.headers.append(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    return length
}

/// One easy handle. Not thread-safe: `HTTPClient` lends it to one request at a time.
private final class CurlHandle {
    private let handle: UnsafeMutableRawPointer

    init?() {
        guard let handle = ccurl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit { ccurl_easy_cleanup(handle) }

    func perform(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        // Options stick to a handle between transfers; reset keeps only the connection cache.
        ccurl_easy_reset(handle)
        let sink = ResponseSink()
        var fields = request.headers
        // Without a Content-Type libcurl sends form encoding, and some servers store an empty object.
        if request.body != nil, fields["Content-Type"] == nil { fields.set("Content-Type", "application/octet-stream") }
        // No "Expect: 100-continue" round trip before a large body.
        fields.set("Expect", "")
        var list: UnsafeMutablePointer<curl_slist>?
        defer { ccurl_slist_free_all(list) }
        for field in fields {
            let line = if field.value.isEmpty {
                // "Name:" removes a header libcurl would add; "Name;" sends one with an empty value.
                field.name.lowercased() == "expect" ? "\(field.name):" : "\(field.name);"
            } else {
                "\(field.name): \(field.value)"
            }
            guard let next = ccurl_slist_append(list, line) else { throw .setup(reason: "curl_slist_append failed") }
            list = next
        }

        let method = request.method.rawValue
        let url = request.url.absoluteString
        var codes: [CURLcode] = [
            ccurl_setopt_string(handle, CURLOPT_URL, url),
            ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            // Requests go straight to the endpoint: an http_proxy meant for the internet must not intercept loopback.
            ccurl_setopt_string(handle, CURLOPT_NOPROXY, "*"),
            ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, Int(min(request.timeout, 86_400) * 1000))),
            ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(request.timeout, 10) * 1000))),
            ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list),
            ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, writeBody),
            ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, writeHeader),
        ]
        let context = Unmanaged.passUnretained(sink).toOpaque()
        codes.append(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        codes.append(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        switch request.method {
        case .get: codes.append(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .head: codes.append(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1))
        case .put, .delete, .post: codes.append(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method))
        }
        if let body = request.body {
            // POSTFIELDS sends the body from memory with any method; CUSTOMREQUEST above names the method.
            codes.append(ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            if body.isEmpty {
                codes.append(ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                codes.append(body.withUnsafeBytes { raw in
                    ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
                })
            }
        }
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw .setup(reason: String(cString: ccurl_easy_strerror(failed)))
        }

        let result = withExtendedLifetime(sink) { ccurl_easy_perform(handle) }
        guard result == CURLE_OK else {
            throw .connection(method: method, url: url, code: Int(result.rawValue), reason: String(cString: ccurl_easy_strerror(result)))
        }
        var status = 0
        guard ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK else {
            throw .setup(reason: "no response code from libcurl")
        }
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }
}
