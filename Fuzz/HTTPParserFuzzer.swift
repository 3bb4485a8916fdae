// libFuzzer target for the explorer's HTTP request parser: arbitrary bytes through
// HTTPParser.parse with the server's limits and with tiny ones, then, for a complete request,
// everything a handler may read of it. Any trap, crash or sanitizer report is a bug; a
// failure result (400, 411, 413, 431, 505) is the expected answer to bad input.
//
// Built by `make fuzz-http` (scripts/fuzz-http.sh) with -sanitize=fuzzer,address.
import FirmPathsServer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for limits in [HTTPLimits(), HTTPLimits(headerBytes: 64, bodyBytes: 16)] {
        switch HTTPParser.parse(bytes, limits: limits) {
        case let .complete(request, consumed):
            precondition(consumed > 0 && consumed <= bytes.count, "consumed \(consumed) of \(bytes.count) bytes")
            precondition(request.body.count <= limits.bodyBytes, "body over the limit")
            precondition(!request.path.split(separator: "/", omittingEmptySubsequences: false).contains(".."), "'..' in a path")
            _ = request.keepAlive
            _ = request.queryItems
            _ = request.header("content-length")
            _ = HTTPResponse.text(200, request.path).serialized(keepAlive: request.keepAlive)
            // The rest of the buffer is the next pipelined request.
            _ = HTTPParser.parse(Array(bytes[consumed...]), limits: limits)
        case let .failure(error):
            precondition([400, 411, 413, 431, 505].contains(error.status), "unexpected status \(error.status)")
            _ = HTTPResponse.text(error.status, error.reason).serialized(keepAlive: false)
        case .incomplete:
            precondition(bytes.count <= limits.headerBytes + limits.bodyBytes + 8, "incomplete beyond the limits")
        }
    }
    return 0
}
