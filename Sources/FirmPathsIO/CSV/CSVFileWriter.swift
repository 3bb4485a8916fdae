#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

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
/// One writer belongs to one producer (its methods are not meant to be called from several
/// threads at once). With `background: true` the producer only hands buffers over: the dialect
/// conversion and the `write(2)` calls run on the writer's own serial queue, in order, while the
/// producer goes on (at most `inFlightLimit` buffers wait, so memory stays bounded). A failure on
/// that queue is thrown by the next `write`, `flush` or `finish`. The bytes are the same either way.
/// If the writer is dropped without `finish()`, the partial file is closed and removed.
public final class CSVFileWriter: @unchecked Sendable {
    /// The final destination.
    public let path: String
    /// Where bytes go until `finish()`.
    public let partialPath: String
    /// `write(_:)` flushes once the buffer holds at least this many bytes.
    public var flushThreshold = 1 << 20
    /// The dialect the bytes are written in (buffers are encoded in the standard one).
    public var dialect: CSVDialect = .standard
    /// Set before the first write to store the file gzip-compressed (`--compress`): every byte
    /// the writer would write goes through it, and `finish` ends the gzip member.
    public var compressor: GzipCompressor?
    /// Buffers handed over and not yet written, at most (background writers).
    public static let inFlightLimit = 3
    private var descriptor: Int32
    private var finished = false
    private let queue: DispatchQueue?
    private let slots = DispatchSemaphore(value: CSVFileWriter.inFlightLimit)
    /// Shared with the queue: bytes written, the first failure, emptied buffers for reuse.
    private let lock = NSLock()
    private var written = 0
    private var failure: CSVFileError?
    private var spare: [[UInt8]] = []

    /// Creates (truncating) `<path>.partial`.
    /// - Parameter background: write on a serial queue of the writer's own (see the type's notes).
    public init(path: String, background: Bool = false) throws(CSVFileError) {
        self.path = path
        self.partialPath = path + ".partial"
        let fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CSVFileError(path: partialPath, operation: "create", code: errno) }
        descriptor = fd
        queue = background ? DispatchQueue(label: "firmpaths.csv-writer") : nil
    }

    deinit {
        queue?.sync {}
        if !finished {
            if descriptor >= 0 { _ = close(descriptor) }
            _ = unlink(partialPath)
        }
    }

    /// Bytes handed to the OS so far, compressed ones when compressing (a background writer first waits for its queue).
    public var bytesWritten: Int {
        queue?.sync {}
        return lock.withLock { written }
    }

    /// Flushes `buffer` to the file if it has reached `flushThreshold`, then resets it; call after each row batch.
    public func write(_ buffer: inout CSVBuffer) throws(CSVFileError) {
        guard buffer.count >= flushThreshold else { return }
        try flush(&buffer)
    }

    /// Writes all of `buffer` now (or hands it to the queue) and resets it (keeping a capacity).
    public func flush(_ buffer: inout CSVBuffer) throws(CSVFileError) {
        guard !buffer.isEmpty else { return }
        guard queue != nil else {
            try checkOpen()
            try writeNow(buffer.bytes, convert: true)
            buffer.reset()
            return
        }
        var bytes = lock.withLock { spare.popLast() } ?? []
        if bytes.capacity < buffer.count { bytes.reserveCapacity(buffer.count) }
        buffer.exchangeBytes(with: &bytes)
        try checkOpen()
        try submit(bytes, convert: true)
    }

    /// Writes raw bytes as they are (no dialect conversion), retrying on EINTR and short writes.
    public func writeAll(_ bytes: [UInt8]) throws(CSVFileError) {
        try checkOpen()
        guard queue != nil else {
            try writeNow(bytes, convert: false)
            return
        }
        try submit(bytes, convert: false)
    }

    private func checkOpen() throws(CSVFileError) {
        guard !finished, descriptor >= 0 else {
            throw CSVFileError(path: partialPath, operation: "write", code: EBADF)
        }
    }

    /// Hands `bytes` to the queue, after a slot is free.
    private func submit(_ bytes: [UInt8], convert: Bool) throws(CSVFileError) {
        if let failure = lock.withLock({ failure }) { throw failure }
        guard let queue else { return }
        slots.wait()
        queue.async { [self] in
            var bytes = bytes
            if lock.withLock({ failure }) == nil {
                do throws(CSVFileError) {
                    try writeNow(bytes, convert: convert)
                } catch {
                    lock.withLock { failure = error }
                }
            }
            bytes.removeAll(keepingCapacity: true)
            lock.withLock { if spare.count < CSVFileWriter.inFlightLimit { spare.append(bytes) } }
            slots.signal()
        }
    }

    /// Converts and writes `bytes` on the calling thread.
    private func writeNow(_ bytes: [UInt8], convert: Bool) throws(CSVFileError) {
        var converted = convert ? dialect.convert(bytes) : bytes
        if let compressor {
            var compressed: [UInt8] = []
            compressor.compress(converted, into: &compressed)
            converted = compressed
        }
        try store(converted)
    }

    /// Writes `converted` to the file as it is.
    private func store(_ converted: [UInt8]) throws(CSVFileError) {
        let fd = descriptor
        let failure: Int32? = converted.withUnsafeBytes { raw -> Int32? in
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
        lock.withLock { written += converted.count }
    }

    /// Writes what is left in `buffer`, then syncs, closes and renames the partial file to `path`.
    public func finish(_ buffer: inout CSVBuffer) throws(CSVFileError) {
        try flush(&buffer)
        try finish()
    }

    /// Waits for the queue, then syncs, closes and atomically renames the partial file to `path`; fsync first so the rename never exposes unwritten data after a power loss.
    public func finish() throws(CSVFileError) {
        guard !finished else { return }
        queue?.sync {}
        if let failure = lock.withLock({ failure }) { throw failure }
        guard descriptor >= 0 else { throw CSVFileError(path: partialPath, operation: "write", code: EBADF) }
        if let compressor {
            var trailer: [UInt8] = []
            compressor.finishMember(into: &trailer)
            try store(trailer)
        }
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
        queue?.sync {}
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
