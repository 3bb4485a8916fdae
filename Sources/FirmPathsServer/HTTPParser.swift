/// Size limits of a request.
public struct HTTPLimits: Sendable, Equatable {
    /// Request line and header fields together, with their line breaks.
    public var headerBytes: Int
    /// The body (Content-Length).
    public var bodyBytes: Int

    public init(headerBytes: Int = 16 * 1024, bodyBytes: Int = 64 * 1024) {
        self.headerBytes = headerBytes
        self.bodyBytes = bodyBytes
    }
}

/// Why a request was refused: the status to answer with and a reason in words.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var reason: String

    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status) \(HTTPResponse.reason(status)): \(reason)" }
}

/// The parser's answer for the bytes received so far.
public enum HTTPParseResult: Sendable, Equatable {
    /// More bytes are needed (the head or the body is not complete yet).
    case incomplete
    /// A whole request, and how many bytes of the input it took (the rest is the next request).
    case complete(HTTPRequest, consumed: Int)
    /// The request is malformed or too large; answer and close the connection.
    case failure(HTTPParseError)
}

/// A pure HTTP/1.1 request parser (RFC 9112), over bytes: no sockets, no state between calls.
///
/// Accepts origin-form targets ("/path?query"), methods as tokens, HTTP/1.0 and HTTP/1.1,
/// header fields `name: value` with CRLF (or bare LF) line ends, and a body framed by
/// Content-Length only. Refuses, with a reason: a malformed request line or field, obsolete
/// line folding, a missing Host in HTTP/1.1, Transfer-Encoding (411: chunked bodies are not
/// read), conflicting or malformed Content-Length, a head over `limits.headerBytes` (431) and a
/// body over `limits.bodyBytes` (413).
public enum HTTPParser {
    public static func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        bytes.withUnsafeBufferPointer { parse($0, limits: limits) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        // RFC 9112 2.2: ignore at least one empty line before the request line.
        var start = 0
        while start < bytes.count && start < 4 && (bytes[start] == 13 || bytes[start] == 10) { start += 1 }
        guard let headEnd = findHeadEnd(bytes, from: start, limit: start + limits.headerBytes) else {
            if bytes.count - start > limits.headerBytes {
                return .failure(HTTPParseError(431, "request line and header fields exceed \(limits.headerBytes) bytes"))
            }
            // A request line that is already invalid need not wait for the rest of the head.
            if let error = earlyRequestLineError(bytes, from: start) { return .failure(error) }
            return .incomplete
        }
        let lines = splitLines(bytes, from: start, to: headEnd.contentEnd)
        guard let requestLine = lines.first else { return .failure(HTTPParseError(400, "empty request")) }
        let method: String, target: String, version: String
        switch parseRequestLine(bytes, requestLine) {
        case let .success(parts): (method, target, version) = parts
        case let .failure(error): return .failure(error)
        }
        var headers: [HTTPHeader] = []
        for line in lines.dropFirst() {
            switch parseField(bytes, line) {
            case let .success(field): headers.append(field)
            case let .failure(error): return .failure(error)
            }
        }
        if version == "HTTP/1.1" {
            let hosts = headers.filter { $0.name == "host" }
            if hosts.isEmpty { return .failure(HTTPParseError(400, "missing Host header field (required in HTTP/1.1)")) }
            if hosts.count > 1 { return .failure(HTTPParseError(400, "more than one Host header field")) }
        }
        if headers.contains(where: { $0.name == "transfer-encoding" }) {
            return .failure(HTTPParseError(411, "Transfer-Encoding (chunked bodies) is not supported; send the body with Content-Length"))
        }
        var length = 0
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        if let first = lengths.first {
            if lengths.contains(where: { $0 != first }) {
                return .failure(HTTPParseError(400, "conflicting Content-Length header fields"))
            }
            guard !first.isEmpty, first.utf8.count <= 18, first.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(first) else {
                return .failure(HTTPParseError(400, "Content-Length '\(printable(first))' is not a whole number of bytes"))
            }
            length = value
        }
        if length > limits.bodyBytes {
            return .failure(HTTPParseError(413, "body of \(length) bytes exceeds the limit of \(limits.bodyBytes) bytes"))
        }
        let bodyStart = headEnd.bodyStart
        guard bytes.count - bodyStart >= length else { return .incomplete }
        let pathAndQuery = splitTarget(target)
        guard let path = PercentDecoding.decode(pathAndQuery.path) else {
            return .failure(HTTPParseError(400, "request target '\(printable(target))' has a malformed percent escape"))
        }
        if path.utf8.contains(0) || path.utf8.contains(where: { $0 < 32 || $0 == 127 }) {
            return .failure(HTTPParseError(400, "request target holds control characters"))
        }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") || path.contains("\\") {
            return .failure(HTTPParseError(400, "request target '\(printable(target))' climbs out of the site ('..' or '\\')"))
        }
        let body = Array(bytes[bodyStart..<(bodyStart + length)])
        let request = HTTPRequest(method: method, target: target, path: path, query: pathAndQuery.query, version: version,
                                  headers: headers, body: body)
        return .complete(request, consumed: bodyStart + length)
    }

    // MARK: - Pieces

    struct HeadEnd {
        /// End of the last header line's content (before its line break).
        var contentEnd: Int
        var bodyStart: Int
    }

    /// The empty line that ends the head: CRLF CRLF, or LF LF, or a mix; searched up to `limit`.
    static func findHeadEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> HeadEnd? {
        var i = start
        let end = min(bytes.count, limit + 1)
        while i < end {
            if bytes[i] == 10 {
                // Line break at i; is the next line empty?
                var j = i + 1
                if j < bytes.count && bytes[j] == 13 { j += 1 }
                if j < bytes.count && bytes[j] == 10 {
                    let contentEnd = i > start && bytes[i - 1] == 13 ? i - 1 : i
                    return HeadEnd(contentEnd: contentEnd, bodyStart: j + 1)
                }
            }
            i += 1
        }
        return nil
    }

    /// Lines of the head as byte ranges without their CR LF.
    static func splitLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = start
        var i = start
        while i < end {
            if bytes[i] == 10 {
                let lineEnd = i > lineStart && bytes[i - 1] == 13 ? i - 1 : i
                lines.append(lineStart..<lineEnd)
                lineStart = i + 1
            }
            i += 1
        }
        lines.append(lineStart..<end)
        return lines
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }

    /// A request line that cannot become valid whatever follows (e.g. a binary first byte).
    static func earlyRequestLineError(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> HTTPParseError? {
        var i = start
        while i < bytes.count && bytes[i] != 10 && bytes[i] != 13 {
            if i == start && !isTokenByte(bytes[i]) {
                return HTTPParseError(400, "malformed request line: the method must be a token such as GET")
            }
            if bytes[i] == 0 { return HTTPParseError(400, "malformed request line: NUL byte") }
            i += 1
        }
        return nil
    }

    static func parseRequestLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> Result<(String, String, String), HTTPParseError> {
        let line = Array(bytes[range])
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(HTTPParseError(400, "malformed request line '\(printable(line))': expected METHOD TARGET HTTP/1.1 "
                + "separated by single spaces"))
        }
        let method = parts[0], target = parts[1], version = parts[2]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else {
            return .failure(HTTPParseError(400, "malformed request line: method '\(printable(Array(method)))' is not a token"))
        }
        guard target.first == UInt8(ascii: "/") else {
            return .failure(HTTPParseError(400, "malformed request line: target '\(printable(Array(target)))' must start with '/'"))
        }
        guard target.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            return .failure(HTTPParseError(400, "malformed request line: the target holds spaces, control or non-ASCII bytes"))
        }
        let versionText = String(decoding: version, as: UTF8.self)
        switch versionText {
        case "HTTP/1.1", "HTTP/1.0":
            break
        default:
            let isHTTP = versionText.hasPrefix("HTTP/") && versionText.utf8.count == 8
                && versionText.utf8.dropFirst(5).enumerated().allSatisfy { i, b in i == 1 ? b == 46 : (b >= 48 && b <= 57) }
            if isHTTP { return .failure(HTTPParseError(505, "only HTTP/1.0 and HTTP/1.1 are served, not \(versionText)")) }
            return .failure(HTTPParseError(400, "malformed request line: version '\(printable(Array(version)))' is not HTTP/1.1"))
        }
        return .success((String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), versionText))
    }

    static func parseField(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result<HTTPHeader, HTTPParseError> {
        let line = Array(bytes[range])
        if let first = line.first, first == 32 || first == 9 {
            return .failure(HTTPParseError(400, "obsolete line folding in a header field is not accepted"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(HTTPParseError(400, "malformed header field '\(printable(line))': no ':'"))
        }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            return .failure(HTTPParseError(400, "malformed header field name '\(printable(Array(name)))'"))
        }
        var value = line[(colon + 1)...]
        while let f = value.first, f == 32 || f == 9 { value = value.dropFirst() }
        while let l = value.last, l == 32 || l == 9 { value = value.dropLast() }
        if value.contains(where: { ($0 < 32 && $0 != 9) || $0 == 127 }) {
            return .failure(HTTPParseError(400, "header field '\(printable(Array(name)))' holds control characters"))
        }
        return .success(HTTPHeader(String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
    }

    static func splitTarget(_ target: String) -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// At most 80 characters of `bytes`, with non-printable bytes as "?", for messages.
    static func printable(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(80).map { $0 >= 32 && $0 < 127 && $0 != UInt8(ascii: "'") ? $0 : UInt8(ascii: "?") }
        return String(decoding: shown, as: UTF8.self) + (bytes.count > 80 ? "..." : "")
    }

    static func printable(_ text: String) -> String { printable(Array(text.utf8)) }
}
