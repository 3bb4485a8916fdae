import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole set of files written into a directory all at once or not at all.
///
/// The files are written into a hidden staging directory inside the output directory
/// (`.firmpaths-staging-PID-RANDOM`, on the same file system, so renames are atomic) while the
/// directory is locked. `commit()` then moves the previous set of firmpaths files
/// (`OutputDirectory.ownFiles`) aside, moves the new files in and deletes the old ones, so a
/// run written with `--overwrite --no-trajectories` leaves no earlier trajectories.csv, and
/// files firmpaths did not write stay where they are. If a rename fails (an immutable file, a
/// directory made read-only) the renames done so far are undone and the directory holds the
/// previous set, unchanged; the error says so. `abandon()` (or dropping the value) removes the
/// staging directory: a failed or interrupted command leaves no `*.partial` files behind.
public final class StagedOutput: @unchecked Sendable {
    // @unchecked: used by the thread that created it.
    /// The directory the files end up in.
    public let directory: String
    /// Where the files are written until `commit()`.
    public let staging: String
    private let hold: OutputDirectory.Hold
    private var finished = false
    /// The previous files `commit()` replaces (besides the staged names).
    private let replacing: Set<String>

    /// Locks `directory` (creating it when missing), checks that it may be written (empty, or
    /// `overwrite`), and creates the staging directory.
    /// - Parameter replacing: the previous files `commit()` replaces besides the staged names (all
    ///   the files firmpaths writes by default; a ranking written into a sweep's own directory
    ///   replaces only the ranking files).
    public init(directory: String, overwrite: Bool, command: String,
                replacing: Set<String> = Set(OutputDirectory.ownFiles)) throws(EngineError) {
        self.directory = directory
        self.replacing = replacing
        hold = try OutputDirectory.Hold(directory, command: command)
        staging = OutputDirectory.file(OutputDirectory.stagingPrefix + OutputDirectory.uniqueSuffix(), in: directory)
        do throws(EngineError) {
            try OutputDirectory.prepare(directory, overwrite: overwrite)
            guard mkdir(staging, 0o755) == 0 else {
                throw EngineError.io("cannot write into '\(directory)': cannot create '\(staging)': \(AppendFile.reason(errno))")
            }
        } catch {
            hold.release()
            throw error
        }
    }

    deinit { abandon() }

    /// Removes the staging directory and unlocks; the output directory is as before.
    public func abandon() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(atPath: staging)
        hold.release()
    }

    /// Replaces the previous set of firmpaths files in the directory with the staged files.
    /// - Throws: `EngineError.io` when a rename fails; the directory then holds the previous
    ///   set as it was (or, if even undoing failed, the message says where the files are).
    public func commit() throws(EngineError) {
        guard !finished else { return }
        defer { abandon() }
        let manager = FileManager.default
        let staged = ((try? manager.contentsOfDirectory(atPath: staging)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let own = replacing.union(staged)
        let previous = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter { own.contains($0) }.sorted()
        let aside = OutputDirectory.file(OutputDirectory.previousPrefix + OutputDirectory.uniqueSuffix(), in: directory)
        if !previous.isEmpty, mkdir(aside, 0o755) != 0 {
            throw .io("cannot write into '\(directory)': cannot create '\(aside)': \(AppendFile.reason(errno)); "
                + "nothing was changed")
        }
        var movedAside: [String] = []
        var placed: [String] = []
        func path(_ name: String, _ directory: String) -> String { OutputDirectory.file(name, in: directory) }
        /// Undoes the renames done so far; returns the names that could not be put back.
        func undo() -> [String] {
            var stuck: [String] = []
            for name in placed.reversed() where rename(path(name, directory), path(name, staging)) != 0 { stuck.append(name) }
            for name in movedAside.reversed() where rename(path(name, aside), path(name, directory)) != 0 { stuck.append(name) }
            if stuck.isEmpty { _ = rmdir(aside) }
            return stuck
        }
        func failure(_ what: String, _ code: Int32) -> EngineError {
            let stuck = undo()
            let outcome = stuck.isEmpty
                ? "nothing was changed: '\(directory)' holds the previous files"
                : "the previous files could not all be put back; they are in '\(aside)' (\(stuck.joined(separator: ", ")))"
            return .io("cannot replace the files of '\(directory)': \(what): \(AppendFile.reason(code)); \(outcome)")
        }
        for name in previous {
            guard rename(path(name, directory), path(name, aside)) == 0 else {
                throw failure("cannot move '\(path(name, directory))'", errno)
            }
            movedAside.append(name)
        }
        for name in staged {
            guard rename(path(name, staging), path(name, directory)) == 0 else {
                throw failure("cannot move '\(name)' into place", errno)
            }
            placed.append(name)
        }
        AppendFile.syncDirectory(of: path("x", directory))
        if !previous.isEmpty { try? manager.removeItem(atPath: aside) }
    }
}
