import FirmPathsIO
import Foundation

/// The directory a run writes into, and the safety rules around it: an existing non-empty
/// directory is refused unless the caller allows overwriting, and every file is written
/// under a temporary name and renamed when complete.
public enum OutputDirectory {
    /// Creates `path` (and parents) or checks that it may be written into.
    public static func prepare(_ path: String, overwrite: Bool) throws(EngineError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .io("cannot write into '\(path)': it is a file, not a directory") }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            if !contents.filter({ !$0.hasPrefix(".") }).isEmpty && !overwrite { throw .outputNotEmpty(path: path) }
        } else {
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .io("cannot create output directory '\(path)': \(FileErrorText.describe(error))")
            }
        }
        guard manager.isWritableFile(atPath: path) else { throw .io("cannot write into '\(path)': permission denied") }
    }

    /// Writes `text` to `path` through a temporary file and a rename, so a reader never sees
    /// half a file.
    public static func writeAtomically(_ text: String, to path: String) throws(EngineError) {
        let partial = path + ".partial"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: partial))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw .io("cannot write '\(path)': \(FileErrorText.describe(error))")
        }
    }

    /// `directory/name`.
    public static func file(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
