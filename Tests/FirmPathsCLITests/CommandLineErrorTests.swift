import FirmPathsCLI
import Foundation
import Testing

/// Command-line mistakes give a usage message and exit 64; a missing scenario file exits 74.
@Suite struct CommandLineErrorTests {
    static func main(_ arguments: [String]) -> (code: ExitCode, out: String, err: String) {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false))
        return (code, captured.out, captured.err)
    }

    @Test func noArgumentsPrintsOverview() {
        let result = Self.main([])
        #expect(result.code == .usage)
        #expect(result.err.contains("Usage: firmpaths COMMAND"))
    }

    @Test func unknownCommandSuggestsAndPrintsUsage() {
        let result = Self.main(["rnu", "default"])
        #expect(result.code == .usage)
        #expect(result.err.contains("unknown command 'rnu'; did you mean 'run'?"))
        #expect(result.err.contains("Usage: firmpaths COMMAND"))
    }

    @Test(arguments: [
        (["run", "default", "--sed", "7"], "unknown option --sed; did you mean --seed?", "Usage: firmpaths run"),
        (["check", "default", "--verbose"], "unknown option --verbose", "Usage: firmpaths check"),
        (["sweep", "default", "--thread", "2"], "unknown option --thread; did you mean --threads?", "Usage: firmpaths sweep"),
        (["run"], "missing SCENARIO", "Usage: firmpaths run"),
        (["sweep"], "missing SCENARIO", "Usage: firmpaths sweep"),
        (["check"], "expected one SCENARIO", "Usage: firmpaths check"),
        (["run", "default", "--out"], "option --out needs a value", "Usage: firmpaths run"),
        (["run", "default", "--seed", "abc"], "option --seed expects a seed", "Usage: firmpaths run"),
        (["run", "default", "--threads", "0"], "option --threads expects a whole number from 1 to 4096, found '0'", "Usage: firmpaths run"),
        (["run", "a.json", "b.json"], "expected one SCENARIO, found 2", "Usage: firmpaths run"),
        (["run", "default", "--overwrite=yes"], "option --overwrite takes no value", "Usage: firmpaths run"),
        (["sweep", "default", "--resume", "--overwrite"], "--resume and --overwrite contradict each other", "Usage: firmpaths sweep"),
        (["sweep", "default", "--record", "everything"], "option --record expects", "Usage: firmpaths sweep"),
        (["help", "nosuchcommand"], "unknown command 'nosuchcommand'", "Usage: firmpaths COMMAND"),
    ])
    func usageErrors(arguments: [String], message: String, usage: String) {
        let result = Self.main(arguments)
        #expect(result.code == .usage, "\(arguments): exit \(result.code.rawValue)\n\(result.err)")
        #expect(result.err.contains(message), "\(arguments): stderr was\n\(result.err)")
        #expect(result.err.contains(usage), "\(arguments): no usage text on stderr\n\(result.err)")
    }

    @Test(arguments: ["check", "run", "sweep"])
    func missingScenarioFileIsAnIOError(command: String) {
        let out = RunFixture.temporaryDirectory("missing") + "/out"
        let result = Self.main([command, "/nonexistent/dir/scenario.json", "--out", out].filter { command != "check" || $0 != "--out" && $0 != out })
        #expect(result.code == .ioError, "\(command): exit \(result.code.rawValue)\n\(result.err)")
        #expect(result.err.contains("cannot read scenario '/nonexistent/dir/scenario.json': no such file"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unreadableScenarioIsAnIOError() throws {
        let directory = RunFixture.temporaryDirectory("dir-scenario")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = Self.main(["check", directory])
        #expect(result.code == .ioError, "exit \(result.code.rawValue)\n\(result.err)")
        #expect(result.err.contains("it is a directory"))
    }
}
