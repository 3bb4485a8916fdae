import FirmPathsCLI
import Foundation
import Testing

/// `firmpaths explore` refuses what it cannot serve before it listens.
@Suite struct ExploreCommandTests {
    @Test(arguments: [
        (["explore", "--port", "70000"], ExitCode.usage, "option --port expects a whole number from 0 to 65535"),
        (["explore", "a.json", "b.json"], ExitCode.usage, "expected at most one SCENARIO, found 2"),
        (["explore", "no-such-scenario", "--port", "0"], ExitCode.ioError, "cannot read scenario 'no-such-scenario'"),
        (["explore", "default", "--host", "999.1.2.3", "--port", "0"], ExitCode.ioError, "is not an IPv4 address"),
    ])
    func refusesBadArguments(arguments: [String], code: ExitCode, message: String) {
        let result = CommandLineErrorTests.main(arguments)
        #expect(result.code == code)
        #expect(result.err.contains(message), "\(result.err)")
    }

    @Test func isListedWithItsHelp() {
        let result = CommandLineErrorTests.main(["help", "explore"])
        #expect(result.code == .ok)
        #expect(result.out.contains("Usage: firmpaths explore [SCENARIO] [--port N] [--host ADDR] [--open]"))
    }
}
