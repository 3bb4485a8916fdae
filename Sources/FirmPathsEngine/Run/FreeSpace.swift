import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The free space of the file system an output directory is on, checked against a run's or a
/// sweep's estimated files before anything is written: a run that cannot fit is refused with the
/// figures instead of failing with "No space left on device" hours later.
///
/// The figure is `statvfs`'s space available to unprivileged users (`f_bavail x f_frsize`) of
/// the directory, or of its nearest existing parent when it does not exist yet.
public enum FreeSpace {
    /// Bytes available on the file system of `path` (or of its nearest existing parent); nil when
    /// it cannot be told.
    public static func available(at path: String) -> Double? {
        var candidate = path.isEmpty ? "." : path
        while true {
            var info = statvfs()
            if statvfs(candidate, &info) == 0 {
                return Double(info.f_bavail) * Double(info.f_frsize)
            }
            guard errno == ENOENT || errno == ENOTDIR else { return nil }
            guard let slash = candidate.lastIndex(of: "/") else {
                if candidate == "." { return nil }
                candidate = "."
                continue
            }
            let parent = String(candidate[..<slash])
            if parent.isEmpty {
                if candidate == "/" { return nil }
                candidate = "/"
            } else {
                candidate = parent
            }
        }
    }

    /// Refuses `bytes` of files for `directory` when they exceed the free space (`available`, or
    /// `override` when given: FIRMPATHS_FREE_SPACE for tests).
    /// - Parameters:
    ///   - what: "this run", "this sweep".
    ///   - note: what else the message should say (how to write less).
    /// - Throws: `EngineError.io` (exit 74) naming the estimate, the free space and the directory.
    public static func check(_ bytes: Double, for directory: String, override: Double? = nil, what: String,
                             note: String = "") throws(EngineError) {
        guard let free = override ?? available(at: directory), bytes > free else { return }
        let (needed, left) = MemoryGuard.formatDistinct(bytes, free)
        throw .io("not enough disk space for '\(directory)': \(what) would write about \(needed) "
            + "of files, and its file system has \(left) free; free some space, write elsewhere with "
            + "--out DIR" + note + " (--allow-huge does not override this)")
    }
}
