#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one output file on their way to the OS: on Linux with `O_DIRECT`, in whole
/// aligned blocks, so that a gigabyte of CSV is not first copied into the page cache.
///
/// A buffered `write(2)` of a fresh file costs the kernel a copy into newly allocated page-cache
/// pages (measured on the 2-core EPYC VM: 1.5 GB by `dd` took 4.0 s of system time, the same
/// bytes with `oflag=direct` 0.15 s), and the final `fsync` then writes it all back. With
/// `O_DIRECT` the device reads the bytes from this staging area instead: the caller's bytes are
/// copied into an aligned 4 MiB area and written when it is full; `finish()` writes the last
/// whole blocks, switches the descriptor back to buffered writes and writes the remaining tail.
/// The file's bytes are the same either way.
///
/// Where the file system refuses `O_DIRECT` (tmpfs on older kernels, some network file systems),
/// or a direct write fails with `EINVAL` or comes back short (a file-size limit, a nearly full
/// disk), the descriptor goes back to buffered writes for good and the same bytes are written
/// that way, so errors such as `EFBIG` or `ENOSPC` are reported as a buffered writer reports them.
///
/// Not thread-safe: one owner writes (`CSVFileWriter` calls it from its queue or its producer).
final class DirectFileOutput {
    /// Alignment of the staging area, of every direct write's length and of its file offset;
    /// a multiple of every common logical block size (512, 4096).
    static let alignment = 4096
    /// Bytes staged before a direct write (a multiple of `alignment`).
    static let stageSize = 1 << 22

    private let descriptor: Int32
    private let path: String
    private var stage: UnsafeMutableRawPointer?
    private var staged = 0
    /// Whether the descriptor is (still) in direct mode.
    private(set) var isDirect: Bool

    /// - Parameter direct: try `O_DIRECT` (Linux only; refused by the file system: buffered).
    init(descriptor: Int32, path: String, direct: Bool) {
        self.descriptor = descriptor
        self.path = path
        isDirect = false
        if direct, let flag = DirectFileOutput.directFlag {
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0, fcntl(descriptor, F_SETFL, flags | flag) == 0 {
                isDirect = true
            }
        }
    }

    deinit { stage?.deallocate() }

    /// `O_DIRECT`, which Swift's Glibc module does not export (it needs `_GNU_SOURCE`); its value
    /// depends on the architecture (asm-generic/fcntl.h and the arch headers).
    private static var directFlag: Int32? {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        return 0o200000
        #else
        return nil
        #endif
    }

    /// Writes `bytes` (direct mode: stages them; full stages are written).
    func write(_ bytes: UnsafeRawBufferPointer) throws(CSVFileError) {
        guard isDirect else {
            try writeBuffered(bytes)
            return
        }
        let area = stageArea()
        var offset = 0
        while offset < bytes.count, isDirect {
            let take = min(bytes.count - offset, Self.stageSize - staged)
            if take > 0, let source = bytes.baseAddress {
                (area + staged).copyMemory(from: source + offset, byteCount: take)
            }
            staged += take
            offset += take
            if staged == Self.stageSize {
                try writeStage()
                staged = 0
            }
        }
        if offset < bytes.count {
            // Direct writing ended within this call: the rest goes the buffered way.
            try writeBuffered(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Writes what is staged: its whole blocks directly, the rest after switching back to
    /// buffered writes (call once, before `fsync`).
    func finish() throws(CSVFileError) {
        if isDirect, staged > 0 {
            let blocks = staged / Self.alignment * Self.alignment
            if blocks > 0 { try writeStage(count: blocks) }
            if isDirect { leaveDirectMode() }
            // The tail after the whole blocks (written directly, or buffered after a fallback).
            if let stage, staged > blocks {
                try writeBuffered(UnsafeRawBufferPointer(start: stage + blocks, count: staged - blocks))
            }
            staged = 0
        } else if isDirect {
            leaveDirectMode()
        }
        stage?.deallocate()
        stage = nil
    }

    private func stageArea() -> UnsafeMutableRawPointer {
        if let stage { return stage }
        let area = UnsafeMutableRawPointer.allocate(byteCount: Self.stageSize, alignment: Self.alignment)
        stage = area
        return area
    }

    /// Writes the first `count` staged bytes (a multiple of `alignment`) directly; on a refusal
    /// or a short write the descriptor goes back to buffered mode and the unwritten part of
    /// those bytes is written buffered. The caller accounts for `staged`.
    private func writeStage(count: Int = DirectFileOutput.stageSize) throws(CSVFileError) {
        guard let stage else { return }
        var offset = 0
        while offset < count {
            let result = posixWrite(descriptor, stage + offset, count - offset)
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                guard code == EINVAL else { throw CSVFileError(path: path, operation: "write", code: code) }
                break
            }
            if result == 0 { break }
            offset += result
            if offset < count { break }
        }
        if offset < count {
            leaveDirectMode()
            try writeBuffered(UnsafeRawBufferPointer(start: stage + offset, count: count - offset))
        }
    }

    private func leaveDirectMode() {
        isDirect = false
        guard let flag = DirectFileOutput.directFlag else { return }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~flag) }
    }

    /// `write(2)` until every byte is written, retrying on EINTR and short writes.
    private func writeBuffered(_ bytes: UnsafeRawBufferPointer) throws(CSVFileError) {
        var offset = 0
        while offset < bytes.count {
            let result = posixWrite(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                throw CSVFileError(path: path, operation: "write", code: errno)
            }
            if result == 0 { throw CSVFileError(path: path, operation: "write", code: EIO) }  // no progress
            offset += result
        }
    }
}

/// The C `write`, reachable without a method of the same name shadowing it.
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, pointer, count)
}
