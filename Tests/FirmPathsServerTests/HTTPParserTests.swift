import FirmPathsServer
import Testing

@Suite struct HTTPParserTests {
    func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        HTTPParser.parse(Array(text.utf8), limits: limits)
    }

    func failure(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
        if case let .failure(error) = parse(text, limits: limits) { return error }
        return nil
    }

    @Test func parsesAGetWithHeadersAndQuery() throws {
        let text = "GET /api/story?firm=12&client=a%20b HTTP/1.1\r\nHost: localhost\r\nX-Client-Id:  page-1 \r\n\r\n"
        guard case let .complete(request, consumed) = parse(text) else { Issue.record("not complete"); return }
        #expect(consumed == text.utf8.count)
        #expect(request.method == "GET")
        #expect(request.path == "/api/story")
        #expect(request.query == "firm=12&client=a%20b")
        #expect(request.queryItems == ["firm": "12", "client": "a b"])
        #expect(request.header("X-CLIENT-ID") == "page-1")
        #expect(request.keepAlive)
        #expect(request.body.isEmpty)
    }

    @Test func parsesABodyAndLeavesThePipelinedRest() {
        let first = "POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        let second = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        guard case let .complete(request, consumed) = parse(first + second) else { Issue.record("not complete"); return }
        #expect(String(decoding: request.body, as: UTF8.self) == "{\"a\":1}")
        #expect(consumed == first.utf8.count)
    }

    @Test func waitsForTheRestOfHeadAndBody() {
        #expect(parse("GET / HTTP/1.1\r\nHost: x\r\n") == .incomplete)
        #expect(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345") == .incomplete)
        #expect(parse("GE") == .incomplete)
    }

    @Test func everyPrefixOfAValidRequestIsIncomplete() {
        let text = Array("POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc".utf8)
        for end in 0..<text.count {
            #expect(HTTPParser.parse(Array(text[0..<end])) == .incomplete, "prefix of \(end) bytes")
        }
    }

    @Test func acceptsBareLineFeedsAndHTTP10() {
        guard case let .complete(request, _) = parse("GET /x HTTP/1.0\n\n") else { Issue.record("not complete"); return }
        #expect(request.version == "HTTP/1.0")
        #expect(!request.keepAlive)
        guard case let .complete(closing, _) = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") else {
            Issue.record("not complete"); return
        }
        #expect(!closing.keepAlive)
    }

    @Test(arguments: [
        ("GET /\r\nHost: x\r\n\r\n", 400, "METHOD TARGET"),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "single spaces"),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "not a token"),
        ("GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n", 400, "must start with '/'"),
        ("GET / FTP/1.1\r\nHost: x\r\n\r\n", 400, "version"),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "HTTP/2.0"),
        ("GET / HTTP/1.1\r\n\r\n", 400, "missing Host"),
        ("GET / HTTP/1.1\r\nHost x\r\n\r\n", 400, "no ':'"),
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400, "folding"),
        ("GET / HTTP/1.1\r\nHo st: x\r\n\r\n", 400, "field name"),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 411, "Content-Length"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, "whole number"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400, "conflicting"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400, "whole number"),
        ("\u{1}\u{2}\u{3}", 400, "token"),
        ("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "percent"),
        ("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n", 400, "control"),
    ])
    func refusesMalformedRequests(text: String, status: Int, reason: String) {
        let error = failure(text)
        #expect(error?.status == status, "\(text.debugDescription)")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test(arguments: ["/../etc/passwd", "/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2fsecret",
                      "/assets/..\\win.ini", "/%2E%2E/x"])
    func refusesPathTraversal(target: String) {
        let error = failure("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(error?.status == 400, "\(target)")
        #expect(error?.reason.contains("climbs out") == true)
    }

    @Test func limitsTheHead() {
        let limits = HTTPLimits(headerBytes: 16 * 1024, bodyBytes: 64 * 1024)
        let big = "GET / HTTP/1.1\r\nHost: x\r\nX-Fill: " + String(repeating: "a", count: 16 * 1024) + "\r\n\r\n"
        #expect(failure(big, limits: limits)?.status == 431)
        // Unfinished but already too long: refused without waiting for the end.
        let unfinished = "GET / HTTP/1.1\r\nX-Fill: " + String(repeating: "a", count: 17 * 1024)
        #expect(failure(unfinished, limits: limits)?.status == 431)
        let fits = "GET / HTTP/1.1\r\nHost: x\r\nX-Fill: " + String(repeating: "a", count: 16 * 1024 - 100) + "\r\n\r\n"
        guard case .complete = parse(fits, limits: limits) else { Issue.record("a head under the limit was refused"); return }
    }

    @Test func limitsTheBody() {
        let error = failure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n")
        #expect(error?.status == 413)
        #expect(error?.reason.contains("65536") == true)
        let body = String(repeating: "b", count: 65536)
        guard case let .complete(request, _) = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n" + body) else {
            Issue.record("a body at the limit was refused"); return
        }
        #expect(request.body.count == 65536)
    }

    @Test func neverTrapsOnArbitraryBytes() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        let alphabet = Array("GET POST / HTTP/1.1\r\n:Host Content-Length 0123456789%.\\\u{0}".utf8)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 56)
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(state >> 63 == 0 ? alphabet[Int(state >> 33) % alphabet.count] : UInt8(truncatingIfNeeded: state >> 40))
            }
            switch HTTPParser.parse(bytes, limits: HTTPLimits(headerBytes: 64, bodyBytes: 16)) {
            case let .complete(request, consumed):
                #expect(consumed <= bytes.count)
                #expect(request.body.count <= 16)
            case let .failure(error):
                #expect([400, 411, 413, 431, 505].contains(error.status))
            case .incomplete:
                break
            }
        }
    }

    @Test func serializesResponses() {
        let response = HTTPResponse.json(200, "{}")
        let text = String(decoding: response.serialized(keepAlive: true), as: UTF8.self)
        #expect(text == "HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: 2\r\n"
            + "connection: keep-alive\r\n\r\n{}")
        let empty = String(decoding: HTTPResponse(status: 204, body: Array("x".utf8)).serialized(keepAlive: false), as: UTF8.self)
        #expect(empty == "HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
    }
}
