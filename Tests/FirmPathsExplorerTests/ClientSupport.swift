import FirmPathsServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif

import HTTPTestClient

extension RawClient {
    /// Sends one request with `body` and reads the answer.
    func request(_ method: String, _ target: String, body: String? = nil, headers: [String] = [])
        -> (status: Int, headers: [String: String], body: String)? {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
        for header in headers { text += header + "\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        send(text)
        return response()
    }
}
