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

    /// Runs `body` with the path of a staging directory inside `directory` (locked), then moves
    /// what it wrote into place as a whole (`StagedOutput`): a failed or stopped `body` leaves
    /// `directory` as it was, and the files replace the previous set (`replacing`) all at once.
    static func staged<T>(_ directory: String, overwrite: Bool, command: [String],
                          replacing: Set<String> = Set(OutputDirectory.ownFiles),
                          _ body: (String) throws(CLIError) -> T) throws(CLIError) -> T {
        let output: StagedOutput
        do {
            output = try StagedOutput(directory: directory, overwrite: overwrite,
                                      command: (["firmpaths"] + command).joined(separator: " "), replacing: replacing)
        } catch {
            throw CLIError(error)
        }
        defer { output.abandon() }
        let value = try body(output.staging)
        do {
            try output.commit()
        } catch {
            throw CLIError(error)
        }
        return value
    }

    /// The failure of work stopped by SIGINT, SIGTERM or SIGHUP: the signal's message and
    /// status (130, 143, 129); other failures as usual.
    static func failure(_ error: EngineError, cancellation: SweepCancellation) -> CLIError {
        guard case .interrupted(let message) = error else { return CLIError(error) }
        let signal = cancellation.signal ?? SIGINT
        return CLIError(ExitCode.stopped(by: signal), "stopped by \(SweepCancellation.name(of: signal)): \(message)")
    }
}
