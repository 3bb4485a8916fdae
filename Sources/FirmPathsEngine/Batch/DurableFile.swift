#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A data file a sweep appends to in place, so that what was written survives a kill.
///
/// Unlike `CSVFileWriter` (temporary name, rename at the end) a sweep writes its final file
/// names directly: a sweep may be killed at any moment and must keep its completed runs. What
/// is *valid* in such a file is recorded separately in `progress.json` (a byte length per file,
/// taken after `sync()`); on resume the file is cut back to that length, which drops any
/// partially written tail.
final class AppendFile {
    let path: String
    private var descriptor: Int32
    /// Bytes in the file (as written by this process, including unsynced ones).
    private(set) var length: Int

    /// Opens `path` for appending.
    /// - Parameter truncateTo: length to cut the file back to (0 creates it empty).
    /// - Throws: `EngineError.io` if the file cannot be opened, is shorter than `truncateTo`
    ///   (its recorded contents are gone), or cannot be truncated.
    init(path: String, truncateTo length: Int) throws(EngineError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (length == 0 ? O_TRUNC : 0)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw .io("cannot open '\(path)': \(Self.reason(errno))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = posixClose(fd)
            throw .io("cannot inspect '\(path)': \(Self.reason(code))")
        }
        guard Int(info.st_size) >= length else {
            _ = posixClose(fd)
            throw .invalidInput("cannot resume: '\(path)' has \(info.st_size) bytes but progress.json records \(length) "
                + "written; the directory was modified, start again with --overwrite")
        }
        guard ftruncate(fd, off_t(length)) == 0, lseek(fd, off_t(length), SEEK_SET) >= 0 else {
            let code = errno
            _ = posixClose(fd)
            throw .io("cannot truncate '\(path)': \(Self.reason(code))")
        }
        descriptor = fd
        self.length = length
    }

    deinit {
        if descriptor >= 0 { _ = posixClose(descriptor) }
    }

    /// Appends all bytes, retrying short writes and EINTR.
    func append(_ bytes: [UInt8]) throws(EngineError) {
        guard !bytes.isEmpty else { return }
        let fd = descriptor
        let failure: Int32? = bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let result = posixWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if result == 0 { return EIO }
                offset += result
            }
            return nil
        }
        if let failure { throw .io("cannot write '\(path)': \(Self.reason(failure))") }
        length += bytes.count
    }

    /// Forces written bytes to stable storage, so lengths recorded afterwards are true after a power loss.
    func sync() throws(EngineError) {
        while fsync(descriptor) != 0 {
            guard errno == EINTR else { throw .io("cannot sync '\(path)': \(Self.reason(errno))") }
        }
    }

    /// Syncs and closes.
    func close() throws(EngineError) {
        guard descriptor >= 0 else { return }
        try sync()
        let fd = descriptor
        descriptor = -1
        if posixClose(fd) != 0, errno != EINTR { throw .io("cannot close '\(path)': \(Self.reason(errno))") }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Writes `text` to `path` so that a reader (or a resume after a crash) sees the old or the
    /// new contents, never a mix: temporary file, fsync, rename, fsync of the directory. The
    /// temporary name is unique to the process (`.NAME.tmp-PID-RANDOM`), so two processes never
    /// write one temporary file.
    static func writeAtomically(_ text: String, to path: String) throws(EngineError) {
        let temporary = OutputDirectory.temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot create '\(temporary)': \(reason(errno))") }
        let bytes = Array(text.utf8)
        var failure: Int32?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let result = posixWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if result == 0 {
                    failure = EIO
                    return
                }
                offset += result
            }
        }
        if failure == nil {
            while fsync(fd) != 0 {
                if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        _ = posixClose(fd)
        if let failure {
            _ = unlink(temporary)
            throw .io("cannot write '\(path)': \(reason(failure))")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw .io("cannot rename '\(temporary)' to '\(path)': \(reason(code))")
        }
        syncDirectory(of: path)
    }

    /// Makes a rename in `path`'s directory durable; best effort, since some file systems refuse
    /// to open directories and the rename itself is already atomic.
    static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = posixClose(fd)
    }
}

/// The C `write`, unshadowed.
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, pointer, count)
}

/// The C `close`, unshadowed by `AppendFile.close()`.
private func posixClose(_ fd: Int32) -> Int32 {
    close(fd)
}
