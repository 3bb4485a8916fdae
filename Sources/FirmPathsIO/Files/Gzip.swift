import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A gzip stream that could not be written or read, in words.
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The file system failed (open, read), rather than the data being damaged or cut.
    public var isIOFailure: Bool

    public init(_ message: String, isIOFailure: Bool = false) {
        self.message = message
        self.isIOFailure = isIOFailure
    }

    public var description: String { message }
}

/// What `--compress` writes: gzip (RFC 1952) through the system's zlib.
public enum Gzip {
    /// The deflate level: zlib's default, a fixed choice so that outputs are reproducible.
    public static let level: Int32 = 6
    /// The suffix compressed tables carry after `.csv`.
    public static let suffix = ".gz"

    /// Whether `bytes` begin with the gzip magic number (1f 8b).
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// Compresses `bytes` into one gzip member.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let compressor = GzipCompressor()
        var output: [UInt8] = []
        compressor.compress(bytes, into: &output)
        compressor.finishMember(into: &output)
        return output
    }

    /// Decompresses every member of `bytes`.
    /// - Throws: `GzipError` for data that is not gzip, is damaged, or ends inside a member.
    public static func decompress(_ bytes: [UInt8]) throws(GzipError) -> [UInt8] {
        let decompressor = GzipDecompressor()
        var output: [UInt8] = []
        try decompressor.decompress(bytes, into: &output)
        try decompressor.finish()
        return output
    }

    /// The version of the zlib linked in (e.g. "1.2.13").
    public static var zlibVersionText: String { String(cString: zlibVersion()) }
}

/// A streaming gzip compressor: bytes in, compressed bytes appended to a buffer.
///
/// The header carries no file name and a zero modification time, so the same input always
/// gives the same bytes. `finishMember` ends a gzip member; bytes compressed after it start a
/// new one. Concatenated members are one valid gzip file (RFC 1952 2.2), which gunzip, zcat,
/// pandas and R read as the concatenation of their contents.
public final class GzipCompressor {
    // zlib keeps a pointer back to its z_stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)
    /// Whether bytes were compressed since the member began (an empty member is not written by `finishMemberIfStarted`).
    public private(set) var memberHasInput = false
    /// Uncompressed bytes compressed so far, over all members.
    public private(set) var bytesIn = 0

    public init(level: Int32 = Gzip.level) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: deflate with a gzip header and trailer. Only fails for lack of memory.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                                   Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed (\(status)): out of memory")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input`, appending what zlib emits to `output` (zlib may hold some back until later).
    public func compress(_ input: [UInt8], into output: inout [UInt8]) {
        input.withUnsafeBytes { compress($0, into: &output) }
    }

    /// Compresses `input`, appending what zlib emits to `output`.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        memberHasInput = true
        bytesIn += input.count
        // zlib's avail_in is 32 bits: feed large buffers in pieces.
        var offset = 0
        while offset < input.count {
            let piece = min(input.count - offset, 1 << 30)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + offset)
            stream.pointee.avail_in = UInt32(piece)
            run(Z_NO_FLUSH, into: &output)
            offset += piece
        }
    }

    /// Ends the current gzip member (even an empty one), appending its last bytes and trailer.
    public func finishMember(into output: inout [UInt8]) {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        run(Z_FINISH, into: &output)
        deflateReset(stream)
        memberHasInput = false
    }

    /// Ends the current member if anything was compressed into it; returns whether it did.
    @discardableResult
    public func finishMemberIfStarted(into output: inout [UInt8]) -> Bool {
        guard memberHasInput else { return false }
        finishMember(into: &output)
        return true
    }

    private func run(_ flush: Int32, into output: inout [UInt8]) {
        let capacity = scratch.count
        scratch.withUnsafeMutableBufferPointer { buffer in
            while true {
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = UInt32(capacity)
                let status = deflate(stream, flush)
                // Z_BUF_ERROR only means no progress was possible (nothing to do); anything else is a bug.
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR,
                             "zlib deflate failed (\(status))")
                let produced = capacity - Int(stream.pointee.avail_out)
                if produced > 0 { output.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: produced)) }
                if flush == Z_FINISH {
                    if status == Z_STREAM_END { break }
                } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                    break
                }
            }
        }
    }
}

/// A streaming gzip decompressor that reads any number of concatenated members.
public final class GzipDecompressor {
    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch = [UInt8](repeating: 0, count: 1 << 17)
    /// True between members (at the start, and after a member's trailer).
    public private(set) var atMemberBoundary = true
    private var memberEnded = false
    /// Compressed bytes consumed so far.
    public private(set) var bytesIn = 0

    public init() {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib inflateInit2 failed (\(status)): out of memory")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    public func decompress(_ input: [UInt8], into output: inout [UInt8]) throws(GzipError) {
        var failure: GzipError?
        input.withUnsafeBytes { raw in
            do throws(GzipError) {
                try decompress(raw, into: &output)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Decompresses `input` (any piece of the stream), appending the content to `output`.
    /// - Throws: `GzipError` when the bytes are not gzip or are damaged.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(GzipError) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var offset = 0
        while offset < input.count {
            if memberEnded {
                // Another member follows.
                inflateReset(stream)
                memberEnded = false
            }
            let piece = min(input.count - offset, 1 << 30)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + offset)
            stream.pointee.avail_in = UInt32(piece)
            atMemberBoundary = false
            let capacity = scratch.count
            var failure: Int32?
            scratch.withUnsafeMutableBufferPointer { buffer in
                while true {
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = UInt32(capacity)
                    let status = inflate(stream, Z_NO_FLUSH)
                    let produced = capacity - Int(stream.pointee.avail_out)
                    if produced > 0 { output.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: produced)) }
                    if status == Z_STREAM_END {
                        memberEnded = true
                        atMemberBoundary = true
                        break
                    }
                    if status == Z_BUF_ERROR || (status == Z_OK && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0) {
                        break
                    }
                    if status != Z_OK {
                        failure = status
                        break
                    }
                }
            }
            let consumed = piece - Int(stream.pointee.avail_in)
            offset += consumed
            bytesIn += consumed
            if let failure {
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(failure)"
                throw GzipError("damaged gzip data at byte \(bytesIn): \(detail)")
            }
            if consumed == 0 && !memberEnded { break }
        }
    }

    /// Checks that the stream ended with a complete member.
    /// - Throws: `GzipError` when it ends inside a member (a cut file).
    public func finish() throws(GzipError) {
        guard atMemberBoundary else {
            throw GzipError("gzip data ends inside a member after \(bytesIn) bytes (the file was cut)")
        }
    }
}

/// Reads a data file's content in chunks, decompressing it when it is gzip (by its magic
/// number, whatever its name): the one place every reader of `.csv` and `.csv.gz` goes through.
public final class DataFileReader {
    public let path: String
    /// Whether the file is gzip.
    public let isCompressed: Bool
    private let descriptor: Int32
    private let decompressor: GzipDecompressor?
    private var raw = [UInt8](repeating: 0, count: 1 << 20)
    private var endOfFile = false

    /// Opens `path`.
    /// - Throws: `GzipError` naming the file when it cannot be opened.
    public init(path: String) throws(GzipError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw GzipError("cannot open '\(path)' for reading: \(String(cString: strerror(errno)))", isIOFailure: true)
        }
        descriptor = fd
        var magic: [UInt8] = [0, 0]
        let count = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, 0) }
        isCompressed = count == 2 && Gzip.hasMagic(magic)
        decompressor = isCompressed ? GzipDecompressor() : nil
    }

    deinit {
        _ = close(descriptor)
    }

    /// The next piece of content (decompressed), or nil at the end of the file.
    /// - Throws: `GzipError`: read failures (naming the file), damaged or cut gzip data (the caller names the file).
    public func next() throws(GzipError) -> [UInt8]? {
        while !endOfFile {
            var count = 0
            repeat {
                count = raw.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            } while count < 0 && errno == EINTR
            guard count >= 0 else {
                throw GzipError("cannot read '\(path)': \(String(cString: strerror(errno)))", isIOFailure: true)
            }
            if count == 0 {
                endOfFile = true
                if let decompressor {
                    do {
                        try decompressor.finish()
                    } catch {
                        throw error
                    }
                }
                return nil
            }
            guard let decompressor else { return Array(raw[0..<count]) }
            var output: [UInt8] = []
            var failure: GzipError?
            raw.withUnsafeBytes { bytes in
                do throws(GzipError) {
                    try decompressor.decompress(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), into: &output)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            if !output.isEmpty { return output }
        }
        return nil
    }

    /// The whole content (for small tables such as runs.csv).
    public static func contents(of path: String) throws(GzipError) -> [UInt8] {
        let reader = try DataFileReader(path: path)
        var result: [UInt8] = []
        while let piece = try reader.next() { result += piece }
        return result
    }
}

/// The path of a table as it exists in a directory: `name` (`runs.csv`) or, when only that
/// exists, its compressed form `name.gz` (`runs.csv.gz`); nil when neither does.
public enum DataFilePath {
    public static func existing(_ name: String, in directory: String) -> String? {
        let plain = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        if access(plain, F_OK) == 0 { return plain }
        if access(plain + Gzip.suffix, F_OK) == 0 { return plain + Gzip.suffix }
        return nil
    }

    /// `existing`, or the plain path when neither form exists (so messages name the usual file).
    public static func resolve(_ name: String, in directory: String) -> String {
        existing(name, in: directory) ?? (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }
}

/// The C `read`, unshadowed.
private func readBytes(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, pointer, count)
}
