import FirmPathsExplorer
import FirmPathsIO
import FirmPathsServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The explorer over a real socket: latency of run requests and throughput with concurrent pages.
///
/// A server with the explorer's default settings (as `firmpaths explore` starts it) on a free
/// loopback port; every request asks for another seed, so no figure comes from the explorer's
/// cache of recent runs.
enum ExplorerBench {
    struct Figures {
        var medianMilliseconds300 = 0.0
        var medianMilliseconds1000 = 0.0
        var requestsPerSecond = 0.0
        var concurrentClients = 8
        var requestsPerClient = 0
        var samples300: [Double] = []
        var samples1000: [Double] = []
    }

    static func run(loaded: LoadedScenario, name: String, repetitions: Int) -> Figures {
        let explorer = Explorer(scenarios: [(name, loaded)], defaultScenario: name)
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: explorer)
        let port: Int
        do {
            port = try server.start()
        } catch {
            fail("explorer bench: \(error)")
        }
        defer { server.stop() }
        var seed = 1000
        func body(firms: Int) -> String {
            seed += 1
            return #"{"scenario": "\#(name)", "levers": {"population.firms": \#(firms), "seed": \#(seed)}}"#
        }
        func latency(firms: Int) -> [Double] {
            guard let client = BenchClient(port: port) else { fail("explorer bench: cannot connect") }
            _ = client.post("/api/run", body(firms: firms))  // warm-up
            return (0..<max(5, repetitions * 2)).map { _ in
                let text = body(firms: firms)
                return Measure.seconds {
                    guard client.post("/api/run", text) == 200 else { fail("explorer bench: a run request failed") }
                }
            }
        }
        var figures = Figures()
        note("explorer: run-request latency, 300 and 1000 firms x \(loaded.scenario.years) years; 8 concurrent pages")
        figures.samples300 = latency(firms: 300)
        figures.samples1000 = latency(firms: 1000)
        figures.medianMilliseconds300 = Measure.median(figures.samples300) * 1000
        figures.medianMilliseconds1000 = Measure.median(figures.samples1000) * 1000

        // 8 pages at once, each with its own client id, 300 firms, distinct seeds.
        let perClient = max(3, repetitions)
        figures.requestsPerClient = perClient
        let bodies = (0..<(8 * perClient)).map { _ in body(firms: 300) }
        let failures = Failures()
        let group = DispatchGroup()
        let seconds = Measure.seconds {
            for c in 0..<8 {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    guard let client = BenchClient(port: port) else { failures.add(); return }
                    for r in 0..<perClient where client.post("/api/run", bodies[c * perClient + r], clientID: "bench-\(c)") != 200 {
                        failures.add()
                    }
                }
                thread.start()
            }
            group.wait()
        }
        if failures.count > 0 { fail("explorer bench: \(failures.count) concurrent requests failed") }
        figures.requestsPerSecond = Double(8 * perClient) / seconds
        return figures
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

/// A keep-alive HTTP client for the bench: POSTs and reads one response at a time.
final class BenchClient: @unchecked Sendable {
    let fd: Int32
    var pending: [UInt8] = []

    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = in_port_t(UInt16(port).bigEndian)
        sa.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &sa) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    /// Sends a POST and returns the response's status (0 when the connection failed).
    func post(_ path: String, _ body: String, clientID: String = "bench") -> Int {
        let request = Array(("POST \(path) HTTP/1.1\r\nHost: bench\r\nX-Client-Id: \(clientID)\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return 0 }
            sent += n
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let end = headEnd(), let status = status() {
                let length = contentLength(end) ?? 0
                if pending.count >= end + length {
                    pending.removeFirst(end + length)
                    return status
                }
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return 0 }
            pending += chunk[0..<n]
        }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for i in 0...(pending.count - 4) where pending[i] == 13 && pending[i + 1] == 10 && pending[i + 2] == 13 && pending[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    private func status() -> Int? {
        let line = String(decoding: pending.prefix(16), as: UTF8.self)
        let parts = line.split(separator: " ")
        return parts.count > 1 ? Int(parts[1]) : nil
    }

    private func contentLength(_ end: Int) -> Int? {
        let head = String(decoding: pending[0..<end], as: UTF8.self).lowercased()
        guard let range = head.range(of: "content-length: ") else { return nil }
        return Int(head[range.upperBound...].prefix { $0.isNumber })
    }
}
