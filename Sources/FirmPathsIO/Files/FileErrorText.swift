import Foundation

/// Plain words for a failed file operation: the POSIX cause ("Not a directory", "File too
/// large", "No space left on device") instead of "The operation could not be completed" or
/// "NSCocoaErrorDomain error 512".
///
/// Foundation wraps the errno of the failing system call in `NSUnderlyingErrorKey` (sometimes
/// twice); this unwraps to the innermost POSIX error and names it with `strerror`, falling back
/// to the error's own description.
public enum FileErrorText {
    /// The cause of `error` in plain words, e.g. `Not a directory`.
    public static func describe(_ error: any Error) -> String {
        if let code = posixCode(of: error) { return errnoText(code) }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return errnoText(ENOENT)
            case .fileWriteOutOfSpace: return errnoText(ENOSPC)
            case .fileWriteNoPermission, .fileReadNoPermission: return errnoText(EACCES)
            case .fileWriteVolumeReadOnly: return errnoText(EROFS)
            case .fileWriteFileExists: return errnoText(EEXIST)
            case .fileReadTooLarge: return errnoText(EFBIG)
            default: break
            }
        }
        return nsError.localizedDescription
    }

    /// The innermost POSIX errno of `error`, following `NSUnderlyingErrorKey`.
    public static func posixCode(of error: any Error) -> Int32? {
        var current: NSError? = error as NSError
        var found: Int32?
        var depth = 0
        while let candidate = current, depth < 8 {
            if candidate.domain == NSPOSIXErrorDomain { found = Int32(truncatingIfNeeded: candidate.code) }
            current = (candidate.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
            depth += 1
        }
        return found
    }

    /// `strerror(code)`, e.g. `No such file or directory`.
    public static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
