import FirmPathsServer
import Foundation
import HTTPTestClient
#if canImport(Glibc)
import Glibc
#endif
/// A server on a free port with a small test handler: `/echo` answers the body, `/slow` sleeps.
func withTestServer(_ configuration: HTTPServerConfiguration = HTTPServerConfiguration(host: "127.0.0.1", port: 0),
                    _ body: (HTTPServer) throws -> Void) throws {
    let handler = HTTPClosureHandler { request in
        switch (request.method, request.path) {
        case ("GET", "/"):
            return HTTPResponse(status: 200, contentType: "text/plain", body: "hello")
        case ("POST", "/echo"):
            return HTTPResponse(status: 200, headers: [HTTPHeader("content-type", "application/octet-stream")], body: request.body)
        case ("GET", "/slow"):
            usleep(200_000)
            return HTTPResponse(status: 200, contentType: "text/plain", body: "slow")
        default:
            return HTTPResponse.text(404, "no route \(request.path)")
        }
    }
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    defer { server.stop() }
    try body(server)
}
