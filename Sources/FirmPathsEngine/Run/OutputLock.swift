import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock a process holds on an output directory while it writes there, so that two
/// writers (two sweeps, a sweep and a merge, ...) never interleave their files.
///
/// An advisory `flock` on `DIR/.firmpaths.lock`, which holds who took it (pid, host, command,
/// start time) for the message a second writer gets. The kernel drops the lock when the process
/// ends, however it ends (SIGKILL included), so a stale file never blocks anyone: the next
/// writer locks it and takes over. On release the file is removed while still locked; a process
/// that locked a removed file notices (its descriptor no longer names `DIR/.firmpaths.lock`)
/// and tries again, so exactly one process holds the lock of a directory at any time.
///
/// The name starts with a dot, like the other bookkeeping files, so it does not make a
/// directory count as non-empty.
public final class OutputLock: @unchecked Sendable {
    // @unchecked: `released` is only touched by the owner; the shared table is behind a lock.
    public static let fileName = ".firmpaths.lock"

    /// The directory locked.
    public let directory: String
    /// The lock file's path.
    public let path: String
    private let key: String
    private var released = false

    /// Locks held by this process, by the directory's real path: a command that holds a directory
    /// (sensitivity around its sweep) may lock it again without waiting for itself.
    private static let held = Locked<[String: (descriptor: Int32, count: Int)]>([:])

    /// Locks `directory` (which must exist) or throws `EngineError.locked` naming the holder.
    /// - Parameter command: what this process is doing, recorded for a second writer's message.
    public init(directory: String, command: String) throws(EngineError) {
        self.directory = directory
        path = OutputDirectory.file(Self.fileName, in: directory)
        key = Self.realPath(directory)
        let nested = Self.held.withLock { table -> Bool in
            guard let entry = table[key] else { return false }
            table[key] = (entry.descriptor, entry.count + 1)
            return true
        }
        if nested { return }
        let descriptor = try Self.lock(path: path, directory: directory)
        let text = Self.holderText(command: command)
        _ = ftruncate(descriptor, 0)
        _ = Array(text.utf8).withUnsafeBytes { raw in pwrite(descriptor, raw.baseAddress, raw.count, 0) }
        _ = fsync(descriptor)
        Self.held.withLock { $0[key] = (descriptor, 1) }
    }

    deinit { release() }

    /// Unlocks (the last holder in this process removes the lock file first); idempotent.
    public func release() {
        guard !released else { return }
        released = true
        let last = Self.held.withLock { table -> Int32? in
            guard let entry = table[key] else { return nil }
            if entry.count > 1 {
                table[key] = (entry.descriptor, entry.count - 1)
                return nil
            }
            table[key] = nil
            return entry.descriptor
        }
        if let descriptor = last {
            _ = unlink(path)
            _ = close(descriptor)
        }
    }

    private static func lock(path: String, directory: String) throws(EngineError) -> Int32 {
        for _ in 0..<100 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw .io("cannot write into '\(directory)': cannot create its lock file '\(path)': \(AppendFile.reason(errno))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let holder = readHolder(fd)
                _ = close(fd)
                if code == EWOULDBLOCK || code == EAGAIN || code == EINTR {
                    throw .locked(directory: directory, holder: holder)
                }
                throw .io("cannot lock '\(path)': \(AppendFile.reason(code))")
            }
            // The holder before us may have removed the file between our open and our flock.
            var mine = stat()
            var named = stat()
            if fstat(fd, &mine) == 0, stat(path, &named) == 0, mine.st_ino == named.st_ino, mine.st_dev == named.st_dev {
                return fd
            }
            _ = close(fd)
        }
        throw .io("cannot lock '\(path)': it keeps being replaced")
    }

    static func realPath(_ directory: String) -> String {
        guard let resolved = realpath(directory, nil) else { return directory }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The lock file's contents: pid, host, command and start time, one per line.
    static func holderText(command: String) -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count - 1) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let oneLine = command.replacingOccurrences(of: "\n", with: " ")
        return "pid \(getpid())\nhost \(host)\ncommand \(oneLine)\nsince \(formatter.string(from: Date()))\n"
    }

    /// "pid 1234 on host (firmpaths sweep ...) since ..." from a lock file, or a neutral phrase
    /// when the holder has not written it yet.
    static func readHolder(_ fd: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress, raw.count, 0) }
        guard count > 0 else { return "another process (which has not written its details yet)" }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes.prefix(count), as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        var text = "pid \(fields["pid"] ?? "?")"
        if let host = fields["host"] { text += " on \(host)" }
        if let command = fields["command"] { text += " (\(command))" }
        if let since = fields["since"] { text += " since \(since)" }
        return text
    }
}
