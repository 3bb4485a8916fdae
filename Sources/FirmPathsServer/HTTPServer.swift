import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the server listens and what it tolerates.
public struct HTTPServerConfiguration: Sendable {
    /// IPv4 address to bind ("127.0.0.1", "0.0.0.0", or "localhost").
    public var host: String
    /// First port to try; 0 lets the system choose a free one.
    public var port: Int
    /// Ports tried from `port` upwards when it is taken (1: only `port`).
    public var portAttempts: Int
    public var limits: HTTPLimits
    /// Seconds a client may take from the first byte of a request to its last header byte
    /// (and to the end of its body): a client that never finishes is answered 408 and dropped.
    public var requestTimeout: Double
    /// Seconds an open keep-alive connection may wait idle for its next request.
    public var idleTimeout: Double
    /// Connections open at once; more are answered 503 and closed.
    public var maxConnections: Int

    public init(host: String = "127.0.0.1", port: Int = 8700, portAttempts: Int = 100, limits: HTTPLimits = HTTPLimits(),
                requestTimeout: Double = 10, idleTimeout: Double = 30, maxConnections: Int = 64) {
        self.host = host
        self.port = port
        self.portAttempts = max(1, portAttempts)
        self.limits = limits
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = max(1, maxConnections)
    }

    /// Whether `host` is a loopback address (only this machine can connect).
    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }
}

/// A failure to start the server.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Answers requests; called on the connection's own thread, so it may block (e.g. run a model).
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) -> HTTPResponse
}

/// A handler made of a closure.
public struct HTTPClosureHandler: HTTPHandler {
    let body: @Sendable (HTTPRequest) -> HTTPResponse
    public init(_ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.body = body }
    public func handle(_ request: HTTPRequest) -> HTTPResponse { body(request) }
}

/// A small HTTP/1.1 server over POSIX sockets: one thread per connection (up to
/// `maxConnections`), keep-alive, Content-Length bodies, read timeouts, and nothing but what the
/// handler answers. It knows no routes and touches no files.
public final class HTTPServer: @unchecked Sendable {
    public let configuration: HTTPServerConfiguration
    let handler: any HTTPHandler
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var connections: Set<Int32> = []
    private var stopping = false
    private var boundPort = 0
    private let group = DispatchGroup()
    private var acceptThread: Thread?
    /// Requests answered, connections refused for the cap, and requests timed out (for tests and logs).
    private var counters = (requests: 0, refused: 0, timedOut: 0)

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// The port the server listens on (after `start`).
    public var port: Int { lock.withLock { boundPort } }

    public var statistics: (requests: Int, refused: Int, timedOut: Int) { lock.withLock { counters } }

    /// Binds and starts accepting on a thread of its own; returns the port bound.
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        signal(SIGPIPE, SIG_IGN)
        let (fd, port) = try Self.bind(configuration)
        lock.withLock {
            listenFD = fd
            boundPort = port
        }
        group.enter()
        let thread = Thread { [self] in
            acceptLoop(fd)
            group.leave()
        }
        thread.name = "http-accept"
        acceptThread = thread
        thread.start()
        return port
    }

    /// Stops accepting, closes every connection (a request being answered finishes its write
    /// or fails it) and waits for the connection threads to end.
    public func stop() {
        let (fd, open): (Int32, [Int32]) = lock.withLock {
            stopping = true
            let fd = listenFD
            listenFD = -1
            return (fd, Array(connections))
        }
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
        }
        for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
        group.wait()
        if fd >= 0 { close(fd) }
    }

    /// Blocks until `stop()` has finished.
    public func wait() { group.wait() }

    var isStopping: Bool { lock.withLock { stopping } }

    // MARK: - Listening

    static func bind(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) -> (Int32, Int) {
        let hostText = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        var address = in_addr()
        guard inet_pton(AF_INET, hostText, &address) == 1 else {
            throw HTTPServerError("--host '\(configuration.host)' is not an IPv4 address such as 127.0.0.1 or 0.0.0.0")
        }
        let attempts = configuration.port == 0 ? 1 : configuration.portAttempts
        var lastError = ""
        for offset in 0..<attempts {
            let port = configuration.port + offset
            guard port <= 65535 else { break }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw HTTPServerError("cannot create a socket: \(String(cString: strerror(errno)))") }
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_port = in_port_t(UInt16(port).bigEndian)
            sa.sin_addr = address
            let bound = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 && listen(fd, 128) == 0 {
                var actual = sockaddr_in()
                var length = socklen_t(MemoryLayout<sockaddr_in>.size)
                _ = withUnsafeMutablePointer(to: &actual) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
                }
                return (fd, Int(UInt16(bigEndian: actual.sin_port)))
            }
            lastError = String(cString: strerror(errno))
            close(fd)
            if errno != EADDRINUSE && errno != EACCES { break }
        }
        let range = attempts > 1 ? "ports \(configuration.port)-\(configuration.port + attempts - 1)" : "port \(configuration.port)"
        throw HTTPServerError("cannot listen on \(configuration.host) \(range): \(lastError)")
    }

    private func acceptLoop(_ fd: Int32) {
        while !isStopping {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 250)
            if ready <= 0 { continue }
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == EAGAIN || errno == ECONNABORTED { continue }
                if isStopping { break }
                continue
            }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            var sendTimeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
            let admitted: Bool = lock.withLock {
                guard !stopping, connections.count < configuration.maxConnections else {
                    counters.refused += 1
                    return false
                }
                connections.insert(client)
                return true
            }
            guard admitted else {
                let response = HTTPResponse.text(503, "too many connections (at most \(configuration.maxConnections)); try again")
                Self.write(client, response.serialized(keepAlive: false))
                close(client)
                continue
            }
            group.enter()
            let thread = Thread { [self] in
                serve(client)
                lock.withLock { _ = connections.remove(client) }
                close(client)
                group.leave()
            }
            thread.name = "http-connection"
            thread.start()
        }
    }

    // MARK: - A connection

    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        // A request starts with its first byte; until then the connection is idle.
        var requestStarted: Double?
        var idleSince = Self.now()
        while !isStopping {
            var result = buffer.isEmpty ? .incomplete : HTTPParser.parse(buffer, limits: configuration.limits)
            if case .incomplete = result {
                let deadline = requestStarted.map { $0 + configuration.requestTimeout } ?? idleSince + configuration.idleTimeout
                let remaining = deadline - Self.now()
                if remaining <= 0 {
                    if requestStarted != nil {
                        lock.withLock { counters.timedOut += 1 }
                        let response = HTTPResponse.text(408, "timed out after \(configuration.requestTimeout) s waiting for the "
                            + "request to be complete")
                        Self.write(fd, response.serialized(keepAlive: false))
                    }
                    return
                }
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, Int32(min(remaining, 1) * 1000) + 1)
                if ready < 0 && errno != EINTR { return }
                if ready <= 0 { continue }
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 {
                    if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                    return
                }
                if requestStarted == nil { requestStarted = Self.now() }
                buffer.append(contentsOf: chunk[0..<count])
                continue
            }
            switch result {
            case .incomplete:
                continue
            case let .failure(error):
                let response = HTTPResponse.text(error.status, error.reason)
                Self.write(fd, response.serialized(keepAlive: false))
                return
            case let .complete(request, consumed):
                buffer.removeFirst(consumed)
                let keepAlive = request.keepAlive && !isStopping
                var response = handler.handle(request)
                if request.method == "HEAD" { response.body = [] }
                lock.withLock { counters.requests += 1 }
                guard Self.write(fd, response.serialized(keepAlive: keepAlive)) else { return }
                if !keepAlive { return }
                requestStarted = buffer.isEmpty ? nil : Self.now()
                idleSince = Self.now()
                result = .incomplete
            }
        }
    }

    /// Writes all of `bytes`; false when the peer is gone or the write timed out.
    @discardableResult
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
