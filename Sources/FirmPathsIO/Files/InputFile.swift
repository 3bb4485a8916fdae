import Foundation

/// Reads an input file whole, with a size cap and plain-words reasons, so a 200 MB "scenario"
/// or a device such as /dev/zero is refused before it is parsed, and an empty file is named as
/// empty rather than as a read error.
public enum InputFile {
    /// The largest input file read whole: 16 MiB, over a thousand times the largest bundled
    /// scenario, far below what parsing and validation can hold in memory.
    public static let maximumBytes = 16 << 20

    /// Why a file could not be read.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// It does not exist, is a directory, or a system call failed (an I/O problem, exit 74).
            case unreadable
            /// It was read but is empty or too large (bad input data, exit 65).
            case badData
        }

        public var kind: Kind
        /// The reason without the file name, e.g. `no such file`, `the file is empty`.
        public var reason: String

        public init(kind: Kind, reason: String) {
            self.kind = kind
            self.reason = reason
        }

        public var description: String { reason }
    }

    /// The bytes of `path`, at most `limit` of them.
    /// - Throws: `Failure` saying why: no such file, a directory, permission denied (errno),
    ///   empty, or larger than `limit` (with both sizes).
    public static func read(_ path: String, limit: Int = maximumBytes) throws(Failure) -> [UInt8] {
        guard !path.isEmpty else { throw Failure(kind: .unreadable, reason: "the path is empty") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(kind: .unreadable, reason: reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(kind: .unreadable, reason: reason(errno)) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw Failure(kind: .unreadable, reason: "it is a directory") }
        let isRegular = (status.st_mode & S_IFMT) == S_IFREG
        if isRegular, status.st_size > limit {
            throw Failure(kind: .badData, reason: tooLarge(Int(status.st_size), limit: limit))
        }
        // Devices and pipes have no size: read up to one byte past the limit.
        var bytes: [UInt8] = []
        let capacity = isRegular ? Int(status.st_size) : 64 * 1024
        bytes.reserveCapacity(min(capacity, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, want) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(kind: .unreadable, reason: reason(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        if bytes.count > limit {
            throw Failure(kind: .badData, reason: isRegular ? tooLarge(bytes.count, limit: limit)
                          : "the input is larger than the limit of \(describeSize(limit))")
        }
        if bytes.isEmpty { throw Failure(kind: .badData, reason: "the file is empty") }
        return bytes
    }

    static func tooLarge(_ size: Int, limit: Int) -> String {
        "the file is \(size) bytes, more than the limit of \(describeSize(limit)) (\(limit) bytes) for an input file"
    }

    /// `16 MiB`, `1.5 KiB`, or bytes.
    public static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a component of the path is not a directory"
        default: return FileErrorText.errnoText(code).lowercased()
        }
    }
}
