import Dispatch
import FirmPathsServer
import Foundation
import HTTPTestClient
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct HTTPServerTests {
    @Test func servesKeepAliveRequestsOnOneConnection() throws {
        try withTestServer { server in
            let client = try #require(RawClient(port: server.port))
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try #require(client.response())
            #expect(first.status == 200 && first.body == "hello")
            #expect(first.headers["connection"] == "keep-alive")
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde")
            let second = try #require(client.response())
            #expect(second.status == 200 && second.body == "abcde")
            client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let third = try #require(client.response())
            #expect(third.status == 404 && third.body.contains("/nowhere"))
            #expect(third.headers["connection"] == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411),
        ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n", 413),
        ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
    ])
    func answersMalformedRequestsWithAReasonAndCloses(request: String, status: Int) throws {
        try withTestServer { server in
            let client = try #require(RawClient(port: server.port))
            client.send(request)
            let response = try #require(client.response())
            #expect(response.status == status)
            #expect(!response.body.isEmpty)
            #expect(response.headers["connection"] == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func refusesOversizedHeadersWithoutReadingThemAll() throws {
        try withTestServer { server in
            let client = try #require(RawClient(port: server.port))
            client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Fill: " + String(repeating: "z", count: 20_000) + "\r\n\r\n")
            let response = try #require(client.response())
            #expect(response.status == 431)
            #expect(response.body.contains("16384"))
        }
    }

    @Test func timesOutASlowClientAndServesOthersMeanwhile() throws {
        let configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, requestTimeout: 1, idleTimeout: 5)
        try withTestServer(configuration) { server in
            let slow = try #require(RawClient(port: server.port))
            slow.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            // While the slow client dawdles, others are answered.
            for _ in 0..<5 {
                let other = try #require(RawClient(port: server.port))
                other.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(other.response()?.status == 200)
            }
            // It keeps trickling bytes but never ends its head: still timed out.
            for _ in 0..<3 {
                slow.send("a")
                usleep(300_000)
            }
            let response = try #require(slow.response())
            #expect(response.status == 408)
            #expect(slow.isClosedByServer())
            #expect(server.statistics.timedOut == 1)
        }
    }

    @Test func servesFiftyConcurrentClients() throws {
        try withTestServer { server in
            // Fifty connections open at once, each on its own thread, each with two requests.
            let clients = (0..<50).compactMap { _ in RawClient(port: server.port) }
            #expect(clients.count == 50)
            let results = ResultBox(count: clients.count)
            let group = DispatchGroup()
            for (i, client) in clients.enumerated() {
                group.enter()
                let thread = Thread {
                    let body = "client-\(i)"
                    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                    if let response = client.response(), response.status == 200, response.body == body {
                        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
                        if client.response()?.body == "slow" { results.set(i) }
                    }
                    group.leave()
                }
                thread.start()
            }
            group.wait()
            #expect(results.count == 50)
            #expect(server.statistics.requests == 100)
        }
    }

    @Test func capsConnections() throws {
        let configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, maxConnections: 2)
        try withTestServer(configuration) { server in
            let a = try #require(RawClient(port: server.port))
            let b = try #require(RawClient(port: server.port))
            a.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(a.response()?.status == 200)
            #expect(b.response()?.status == 200)
            let c = try #require(RawClient(port: server.port))
            let refused = try #require(c.response())
            #expect(refused.status == 503)
            #expect(refused.body.contains("too many connections"))
        }
    }

    @Test func stopsCleanlyWithOpenConnections() throws {
        let handler = HTTPClosureHandler { _ in .text(200, "ok") }
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: handler)
        let port = try server.start()
        let idle = try #require(RawClient(port: port))
        idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(idle.response()?.status == 200)
        let half = try #require(RawClient(port: port))
        half.send("GET / HTT")
        server.stop()
        #expect(idle.isClosedByServer())
        #expect(half.isClosedByServer())
        #expect(RawClient(port: port) == nil)
    }

    @Test func takesTheNextFreePort() throws {
        let handler = HTTPClosureHandler { _ in .text(200, "ok") }
        let first = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: handler)
        let taken = try first.start()
        defer { first.stop() }
        let second = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: taken, portAttempts: 20),
                                handler: handler)
        let port = try second.start()
        defer { second.stop() }
        #expect(port > taken && port < taken + 20)
        let only = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: taken, portAttempts: 1),
                              handler: handler)
        #expect(throws: HTTPServerError.self) { try only.start() }
        #expect(throws: HTTPServerError.self) {
            try HTTPServer(configuration: HTTPServerConfiguration(host: "not-an-address", port: 0), handler: handler).start()
        }
    }
}

/// Indices set from several threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [Bool]
    init(count: Int) { done = Array(repeating: false, count: count) }
    func set(_ i: Int) { lock.withLock { done[i] = true } }
    var count: Int { lock.withLock { done.filter { $0 }.count } }
}
