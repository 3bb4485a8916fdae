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
/// On Linux the bytes go to the file with `O_DIRECT` in aligned 4 MiB blocks where the file
/// system allows it (see `DirectFileOutput`; `directIO: false` writes buffered).
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
    private let output: DirectFileOutput
    private var finished = false
    private let queue: DispatchQueue?
    private let slots = DispatchSemaphore(value: CSVFileWriter.inFlightLimit)
    /// Shared with the queue: bytes written, the first failure, emptied buffers for reuse.
    private let lock = NSLock()
    private var written = 0
    private var failure: CSVFileError?
    private var spare: [[UInt8]] = []

    /// Creates (truncating) `<path>.partial`.
    /// - Parameters:
    ///   - background: write on a serial queue of the writer's own (see the type's notes).
    ///   - directIO: write with `O_DIRECT` where the file system allows it (Linux).
    public init(path: String, background: Bool = false, directIO: Bool = true) throws(CSVFileError) {
        self.path = path
        self.partialPath = path + ".partial"
        let fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CSVFileError(path: partialPath, operation: "create", code: errno) }
        descriptor = fd
        output = DirectFileOutput(descriptor: fd, path: partialPath, direct: directIO)
        queue = background ? DispatchQueue(label: "firmpaths.csv-writer") : nil
    }

    deinit {
        // No wait for the queue here: each block queued holds the writer, so none is pending once
        // it deinitializes, and the last one queued may be what releases it, on the queue itself,
        // where a sync would trap (a run stopped by SIGTERM while a block was being written).
        if !finished {
            if descriptor >= 0 { _ = close(descriptor) }
            _ = unlink(partialPath)
        }
    }

    /// Bytes written so far, compressed ones when compressing, the ones staged for the next
    /// direct block included (a background writer first waits for its queue).
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
        try checkOpen()
        // A slot first: once the queue has written a buffer, its emptied allocation is among
        // the spares, so a producer ahead of the disk reuses buffers instead of allocating.
        try takeSlot()
        var bytes = lock.withLock { spare.popLast() } ?? []
        if bytes.capacity < buffer.count { bytes.reserveCapacity(buffer.count) }
        buffer.exchangeBytes(with: &bytes)
        submit(consume bytes, convert: true)
    }

    /// Writes raw bytes as they are (no dialect conversion), retrying on EINTR and short writes.
    public func writeAll(_ bytes: [UInt8]) throws(CSVFileError) {
        try checkOpen()
        guard queue != nil else {
            try writeNow(bytes, convert: false)
            return
        }
        try takeSlot()
        submit(bytes, convert: false)
    }

    private func checkOpen() throws(CSVFileError) {
        guard !finished, descriptor >= 0 else {
            throw CSVFileError(path: partialPath, operation: "write", code: EBADF)
        }
    }

    /// Throws the queue's first failure, if any; otherwise waits until fewer than
    /// `inFlightLimit` buffers wait, and takes the slot that `submit` hands to the queue.
    private func takeSlot() throws(CSVFileError) {
        if let failure = lock.withLock({ failure }) { throw failure }
        slots.wait()
    }

    /// Hands `bytes` to the queue, in the slot taken by `takeSlot()` (given back once written).
    private func submit(_ bytes: consuming [UInt8], convert: Bool) {
        guard let queue else {
            slots.signal()
            return
        }
        let pending = PendingBytes(bytes)
        queue.async { [self] in
            // The only reference: emptied in place below, its allocation is reused (a copy would
            // make every flush allocate, and page-fault in, a fresh megabyte buffer).
            var bytes = pending.take()
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
        var failure: CSVFileError?
        converted.withUnsafeBytes { raw in
            do throws(CSVFileError) {
                try output.write(raw)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
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
        try output.finish()
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

/// Carries a buffer to a writer's queue as its only reference (see `CSVFileWriter.submit`).
private final class PendingBytes: @unchecked Sendable {
    private var bytes: [UInt8]

    init(_ bytes: consuming [UInt8]) {
        self.bytes = bytes
    }

    func take() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }
}
