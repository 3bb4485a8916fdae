#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system failure while writing output, naming the file and the OS reason so "disk full" or "permission denied" is obvious to the user.
public struct CSVFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path the operation touched.
    public var path: String
    /// What was being attempted: "create", "write", "sync", "close" or "rename".
    public var operation: String
    /// The `errno` value.
    public var code: Int32
    /// The OS text for `code`, e.g. "No space left on device".
    public var reason: String

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
        self.reason = String(cString: strerror(code))
    }

    public var description: String { "cannot \(operation) '\(path)': \(reason) (errno \(code))" }
}

/// Streams CSV bytes to `<path>.partial` and renames to `path` only in `finish`, so a crashed or cancelled run never leaves a truncated file under the final name.
///
/// Not thread-safe: one writer belongs to one producer. If the writer is dropped without `finish()`,
/// the partial file is closed and removed.
public final class CSVFileWriter {
    /// The final destination.
    public let path: String
    /// Where bytes go until `finish()`.
    public let partialPath: String
    /// `write(_:)` flushes once the buffer holds at least this many bytes.
    public var flushThreshold = 1 << 20
    /// The dialect the bytes are written in (buffers are encoded in the standard one).
    public var dialect: CSVDialect = .standard
    /// Bytes handed to the OS so far.
    public private(set) var bytesWritten = 0
    private var descriptor: Int32
    private var finished = false

    /// Creates (truncating) `<path>.partial`.
    public init(path: String) throws(CSVFileError) {
        self.path = path
        self.partialPath = path + ".partial"
        let fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CSVFileError(path: partialPath, operation: "create", code: errno) }
        descriptor = fd
    }

    deinit {
        if !finished {
            if descriptor >= 0 { _ = close(descriptor) }
            _ = unlink(partialPath)
        }
    }

    /// Flushes `buffer` to the file if it has reached `flushThreshold`, then resets it; call after each row batch.
    public func write(_ buffer: inout CSVBuffer) throws(CSVFileError) {
        guard buffer.count >= flushThreshold else { return }
        try flush(&buffer)
    }

    /// Writes all of `buffer` now and resets it (keeping its capacity).
    public func flush(_ buffer: inout CSVBuffer) throws(CSVFileError) {
        guard !buffer.isEmpty else { return }
        try writeAll(dialect.convert(buffer.bytes))
        buffer.reset()
    }

    /// Writes raw bytes, retrying on EINTR and short writes.
    public func writeAll(_ bytes: [UInt8]) throws(CSVFileError) {
        guard !finished, descriptor >= 0 else {
            throw CSVFileError(path: partialPath, operation: "write", code: EBADF)
        }
        let fd = descriptor
        let failure: Int32? = bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let result = posixWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if result == 0 { return EIO }  // no progress: avoid spinning forever
                offset += result
            }
            return nil
        }
        if let failure { throw CSVFileError(path: partialPath, operation: "write", code: failure) }
        bytesWritten += bytes.count
    }

    /// Writes what is left in `buffer`, then syncs, closes and renames the partial file to `path`.
    public func finish(_ buffer: inout CSVBuffer) throws(CSVFileError) {
        try flush(&buffer)
        try finish()
    }

    /// Syncs, closes and atomically renames the partial file to `path`; fsync first so the rename never exposes unwritten data after a power loss.
    public func finish() throws(CSVFileError) {
        guard !finished else { return }
        guard descriptor >= 0 else { throw CSVFileError(path: partialPath, operation: "write", code: EBADF) }
        while fsync(descriptor) != 0 {
            guard errno == EINTR else { throw CSVFileError(path: partialPath, operation: "sync", code: errno) }
        }
        let fd = descriptor
        descriptor = -1
        if close(fd) != 0, errno != EINTR {
            throw CSVFileError(path: partialPath, operation: "close", code: errno)
        }
        guard rename(partialPath, path) == 0 else {
            throw CSVFileError(path: path, operation: "rename '\(partialPath)' to", code: errno)
        }
        finished = true
    }

    /// Closes and deletes the partial file, for cancelled or failed runs.
    public func abandon() {
        guard !finished else { return }
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
        _ = unlink(partialPath)
        finished = true
    }
}

/// The C `write`, reachable here without the class's `write(_:)` method shadowing it.
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, pointer, count)
}
