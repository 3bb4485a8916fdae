import FirmPathsIO
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory a run writes into, and the safety rules around it: an existing non-empty
/// directory is refused unless the caller allows overwriting, one process writes it at a time
/// (`OutputLock`), and every file is written under a temporary name (unique to the process) and
/// renamed when complete.
public enum OutputDirectory {
    /// Every file name a firmpaths command writes into an output directory: the set an
    /// `--overwrite` replaces as a whole. Other files (the user's own) are left alone.
    public static let ownFiles: [String] = [
        "progress.json", "manifest.json", "markets.csv", "runs.csv", "firms.csv", "trajectories.csv", "events.csv",
        "exports.csv", "years.csv", "points.csv", "report.html", "design.csv", "ranking.csv", "ranking.md", "morris.svg",
        "sobol.svg", "second_order.csv",
    ] + compressedTables.map { $0 + Gzip.suffix }

    /// The tables `--compress` writes as `NAME.gz`.
    public static let compressedTables = ["runs.csv", "firms.csv", "trajectories.csv", "events.csv", "exports.csv",
                                          "years.csv"]

    /// The path of table `name` as it exists in `directory`: `name` or `name.gz` (`--compress`);
    /// the plain path when neither exists. Every reader of a run's or sweep's tables uses it.
    public static func dataFile(_ name: String, in directory: String) -> String {
        DataFilePath.resolve(name, in: directory)
    }

    /// Hidden names of the temporary files and directories of a process: `.NAME.tmp-PID-RANDOM`,
    /// `.firmpaths-staging-PID-RANDOM`.
    static let temporaryMarker = ".tmp-"
    static let stagingPrefix = ".firmpaths-staging-"
    static let previousPrefix = ".firmpaths-previous-"

    /// Creates `path` (and parents) or checks that it may be written into.
    public static func prepare(_ path: String, overwrite: Bool) throws(EngineError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .io("cannot write into '\(path)': it is a file, not a directory") }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            if !contents.filter({ !$0.hasPrefix(".") }).isEmpty && !overwrite { throw .outputNotEmpty(path: path) }
        } else {
            _ = try create(path)
        }
        guard manager.isWritableFile(atPath: path) else { throw .io("cannot write into '\(path)': permission denied") }
    }

    /// Creates `path` and its parents when missing; returns whether it created it.
    /// - Throws: `EngineError.io` naming the cause ("Not a directory", "Permission denied" ...).
    @discardableResult
    public static func create(_ path: String) throws(EngineError) -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .io("cannot write into '\(path)': it is a file, not a directory") }
            return false
        }
        // mkdir -p with the system calls, so the failure has its errno ("Not a directory" for a
        // parent that is a file, "Permission denied", "No space left on device").
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .io("cannot create output directory '\(path)': \(AppendFile.reason(errno))")
            }
            prefix += "/"
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .io("cannot create output directory '\(path)': \(AppendFile.reason(ENOTDIR))")
        }
        return true
    }

    /// Removes `path` when it is an empty directory (one a failed command created).
    public static func removeIfEmpty(_ path: String) {
        _ = rmdir(path)
    }

    /// A directory held for writing: created if missing and locked, until `release()`, which
    /// also removes it again when this hold created it and nothing was written.
    public final class Hold: @unchecked Sendable {
        // @unchecked: used by the thread that took it.
        public let directory: String
        private let lock: OutputLock
        private let created: Bool

        public init(_ directory: String, command: String) throws(EngineError) {
            self.directory = directory
            created = try OutputDirectory.create(directory)
            do {
                lock = try OutputLock(directory: directory, command: command)
            } catch {
                if created { OutputDirectory.removeIfEmpty(directory) }
                throw error
            }
            // Holding the lock, a temporary file of ours here is a leftover of a killed process.
            OutputDirectory.removeLeftovers(in: directory)
        }

        deinit { release() }

        public func release() {
            lock.release()
            if created { OutputDirectory.removeIfEmpty(directory) }
        }
    }

    /// Removes the temporary files and staging directories that killed processes left in
    /// `directory`; call only while holding its lock (no other process is writing there).
    static func removeLeftovers(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let isTemporary = name.hasPrefix(".") && name.contains(temporaryMarker)
            guard isTemporary || name.hasPrefix(stagingPrefix) else { continue }
            try? FileManager.default.removeItem(atPath: file(name, in: directory))
        }
    }

    /// A temporary name for `path`, unique to this process and call: `.NAME.tmp-PID-RANDOM` beside it.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return directory + "." + name + temporaryMarker + uniqueSuffix()
    }

    /// `PID-RANDOM`, for names no other process (or call) uses.
    static func uniqueSuffix() -> String {
        "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// Writes `text` to `path` through a temporary file and a rename, so a reader never sees
    /// half a file.
    public static func writeAtomically(_ text: String, to path: String) throws(EngineError) {
        try AppendFile.writeAtomically(text, to: path)
    }

    /// `directory/name`.
    public static func file(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The cause of a Foundation file error in the operating system's words ("Not a directory",
    /// "File too large", "No space left on device"), not "NSCocoaErrorDomain error 512": the
    /// POSIX error underneath when there is one.
    public static func reason(_ error: any Error) -> String {
        FileErrorText.describe(error)
    }
}
