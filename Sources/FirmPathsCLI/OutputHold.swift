import FirmPathsEngine
import Foundation

/// Commands that write an output directory hold its lock for all they write there (data,
/// then report or ranking), so no other firmpaths process writes it in between.
enum OutputHold {
    /// Runs `body` with `directory` locked (created when missing, and removed again if `body`
    /// fails before writing anything). A second writer is refused with exit 75.
    static func holding<T>(_ directory: String, command: [String], _ body: () throws(CLIError) -> T) throws(CLIError) -> T {
        let hold: OutputDirectory.Hold
        do {
            hold = try OutputDirectory.Hold(directory, command: (["firmpaths"] + command).joined(separator: " "))
        } catch {
            throw CLIError(error)
        }
        defer { hold.release() }
        return try body()
    }

    /// The failure of work stopped by SIGINT, SIGTERM or SIGHUP: the signal's message and
    /// status (130, 143, 129); other failures as usual.
    static func failure(_ error: EngineError, cancellation: SweepCancellation) -> CLIError {
        guard case .interrupted(let message) = error else { return CLIError(error) }
        let signal = cancellation.signal ?? SIGINT
        return CLIError(ExitCode.stopped(by: signal), "stopped by \(SweepCancellation.name(of: signal)): \(message)")
    }
}
