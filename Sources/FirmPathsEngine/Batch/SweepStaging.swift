import FirmPathsIO
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sweep --overwrite` into a directory that already holds files: the whole previous set or the
/// whole new one, never a mix, and nothing lost however the sweep ends.
///
/// The new sweep writes into `DIR/.firmpaths-overwrite/` (hidden, inside DIR: the same file
/// system, so renames are atomic, and covered by DIR's lock). The previous files stay in DIR,
/// untouched, until the new sweep is complete; then `commit` moves them aside, moves the new files
/// in and deletes the old ones. An interrupted or failed sweep leaves the staging directory with
/// its checkpointed runs: `--resume` continues it there (and commits at the end), `--overwrite`
/// starts it again; any other sweep into DIR is refused while it exists.
///
/// The commit is journalled so that a kill at any point of it is finished by the next `--resume`:
/// phase 1 moves the previous firmpaths files into `DIR/.firmpaths-overwrite-previous/` and then
/// creates the marker `.moved` there; phase 2 moves the staged files into DIR, manifest.json last.
/// A staging directory whose manifest says complete is committed by `--resume`; a rename that
/// fails (an immutable file, a read-only directory) undoes the renames done and leaves the
/// previous set in DIR and the complete new one in the staging directory, as the error says.
public enum SweepStaging {
    /// The staging directory's name inside DIR (not one `OutputDirectory.removeLeftovers` removes:
    /// it outlives the process so that `--resume` can continue it).
    public static let name = ".firmpaths-overwrite"
    /// Where a commit moves the previous files.
    static let asideName = ".firmpaths-overwrite-previous"
    /// Created in the aside directory once phase 1 (every previous file moved aside) is done.
    static let movedMarker = ".moved"

    /// `DIR/.firmpaths-overwrite`.
    public static func path(in directory: String) -> String { OutputDirectory.file(name, in: directory) }

    /// Whether `directory` holds an unfinished `sweep --overwrite`.
    public static func isPending(in directory: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(in: directory), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Removes an unfinished staging directory (`--overwrite` starts again) and creates an empty one.
    static func start(in directory: String) throws(EngineError) -> String {
        let staging = path(in: directory)
        if isPending(in: directory) {
            do {
                try FileManager.default.removeItem(atPath: staging)
            } catch {
                throw .io("cannot remove the unfinished sweep in '\(staging)': \(FileErrorText.describe(error))")
            }
        }
        guard mkdir(staging, 0o755) == 0 else {
            throw .io("cannot write into '\(directory)': cannot create '\(staging)': \(AppendFile.reason(errno)); "
                + "nothing was changed")
        }
        return staging
    }

    /// What `DIR` holds and where, said in the messages of a sweep that stopped before its commit.
    public static func stateNote(_ directory: String) -> String {
        "the previous files in '\(directory)' are untouched; the new sweep's completed runs are in '\(path(in: directory))' "
            + "(continue it with --resume, or start it again with --overwrite)"
    }

    /// Replaces the firmpaths files of `directory` with the complete sweep staged in it.
    /// - Throws: `EngineError.io` when a rename fails, after undoing the renames done.
    static func commit(into directory: String) throws(EngineError) {
        let manager = FileManager.default
        let staging = path(in: directory)
        let aside = OutputDirectory.file(asideName, in: directory)
        let marker = OutputDirectory.file(movedMarker, in: aside)
        func file(_ name: String, _ folder: String) -> String { OutputDirectory.file(name, in: folder) }
        func visible(_ folder: String) -> [String] {
            ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }
        // manifest.json last: a directory with the new complete manifest has every new file.
        let staged = visible(staging).sorted { ($0 == "manifest.json" ? 1 : 0, $0) < ($1 == "manifest.json" ? 1 : 0, $1) }
        let own = Set(OutputDirectory.ownFiles).union(staged)
        var phase2 = false
        func undo() -> [String] {
            var stuck: [String] = []
            // In phase 2 every firmpaths file in DIR is a new one (also those a killed commit moved).
            if phase2 {
                for name in visible(directory) where own.contains(name) {
                    if rename(file(name, directory), file(name, staging)) != 0 { stuck.append(name) }
                }
            }
            _ = unlink(marker)
            for name in visible(aside) where rename(file(name, aside), file(name, directory)) != 0 { stuck.append(name) }
            if stuck.isEmpty { _ = rmdir(aside) }
            return stuck
        }
        func failure(_ what: String, _ code: Int32) -> EngineError {
            let stuck = undo()
            let outcome = stuck.isEmpty
                ? "nothing was changed: '\(directory)' holds the previous files, and the new sweep is complete in "
                    + "'\(staging)' (put it in place with --resume once the cause is fixed)"
                : "the previous files could not all be put back; they are in '\(aside)' (\(stuck.joined(separator: ", "))), "
                    + "the new ones in '\(staging)'"
            return .io("cannot replace the files of '\(directory)': \(what): \(AppendFile.reason(code)); \(outcome)")
        }
        if !manager.fileExists(atPath: marker) {
            // Phase 1 (or the rest of it, after a kill): the previous files aside.
            if mkdir(aside, 0o755) != 0 && errno != EEXIST {
                throw .io("cannot write into '\(directory)': cannot create '\(aside)': \(AppendFile.reason(errno)); "
                    + "nothing was changed")
            }
            for name in visible(directory) where own.contains(name) {
                guard rename(file(name, directory), file(name, aside)) == 0 else {
                    throw failure("cannot move '\(file(name, directory))' aside", errno)
                }
            }
            AppendFile.syncDirectory(of: file("x", aside))
            let fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure("cannot create '\(marker)'", errno) }
            _ = close(fd)
            AppendFile.syncDirectory(of: file("x", aside))
            AppendFile.syncDirectory(of: file("x", directory))
        }
        // Phase 2: the new files in.
        phase2 = true
        for name in staged {
            guard rename(file(name, staging), file(name, directory)) == 0 else {
                throw failure("cannot move '\(file(name, staging))' into place", errno)
            }
        }
        AppendFile.syncDirectory(of: file("x", directory))
        try? manager.removeItem(atPath: aside)
        try? manager.removeItem(atPath: staging)
    }
}
