import FirmPathsEngine
import FirmPathsIO
import Foundation

/// Where a command writes: data to `out`, messages and errors to `err`.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Whether standard output is a terminal (for colour and live progress).
    public var outIsTerminal: Bool
    public var errIsTerminal: Bool
    public var environment: [String: String]

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                outIsTerminal: Bool, errIsTerminal: Bool, environment: [String: String]) {
        self.out = out
        self.err = err
        self.outIsTerminal = outIsTerminal
        self.errIsTerminal = errIsTerminal
        self.environment = environment
    }

    /// The process's own standard output and error.
    public static var standard: Console {
        Console(out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
                err: { text in FileHandle.standardError.write(Data(text.utf8)) },
                outIsTerminal: isatty(1) == 1, errIsTerminal: isatty(2) == 1,
                environment: ProcessInfo.processInfo.environment)
    }

    /// Colour only on a terminal and never with NO_COLOR set (https://no-color.org).
    public var useColor: Bool { outIsTerminal && environment["NO_COLOR"] == nil }
}

/// A subcommand of `firmpaths`.
protocol Command: Sendable {
    static var name: String { get }
    static var summary: String { get }
    /// Usage, options and examples, printed by `firmpaths help NAME` and `NAME --help`.
    static var help: String { get }
    static func run(_ arguments: [String], console: Console) throws(CLIError)
}

/// The `firmpaths` command line.
public enum FirmPathsCLI {
    static let commands: [any Command.Type] = [
        RunCommand.self, CheckCommand.self, ScenariosCommand.self, ParamsCommand.self, HelpCommand.self,
        SweepCommand.self, MergeCommand.self, ReportCommand.self, ExplainCommand.self, DemoCommand.self,
        TargetsCommand.self, CalibrateCommand.self, SensitivityCommand.self, ExploreCommand.self, RerunCommand.self,
        SummarizeCommand.self,
    ]

    static var overview: String {
        var text = """
        firmpaths \(Manifest.toolVersion): agent-based simulation of SME internationalization paths

        Usage: firmpaths COMMAND [ARGUMENTS] [OPTIONS]

        Commands:

        """
        let width = commands.map { $0.name.count }.max() ?? 8
        for command in commands {
            text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

        Run `firmpaths help COMMAND` or `firmpaths COMMAND --help` for a command's options and examples.
        Exit status: 0 ok, 64 usage error, 65 bad input data, 66 missing input, 74 input/output error,
        75 output directory locked by another process, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP.

        Examples:
          firmpaths run default                       # built-in default scenario -> Results/default/
          firmpaths run born-global-niche --seed 7 --out Results/bg7
          firmpaths check Scenarios/default.json      # validate without running

        """
        return text
    }

    /// Runs the command line and returns the exit status; errors go to the console's stderr.
    public static func main(_ arguments: [String], console: Console = .standard) -> ExitCode {
        guard let first = arguments.first else {
            console.err(overview)
            return .usage
        }
        switch first {
        case "--help", "-h":
            console.out(overview)
            return .ok
        case "--version", "-V", "version":
            console.out("firmpaths \(Manifest.toolVersion)\n")
            return .ok
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            var message = "unknown command '\(first)'"
            if let suggestion = closestMatch(to: first, in: commands.map { $0.name }, maxDistance: 3) {
                message += "; did you mean '\(suggestion)'?"
            }
            console.err("firmpaths: \(message)\n\n\(overview)")
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(command.help)
            return .ok
        }
        do {
            try command.run(rest, console: console)
            return .ok
        } catch {
            console.err("firmpaths \(command.name): \(error.message)\n")
            if let usage = error.usage { console.err("\n" + usage) }
            return error.code
        }
    }
}

struct HelpCommand: Command {
    static let name = "help"
    static let summary = "Show help for a command"
    static let help = """
    Usage: firmpaths help [COMMAND]

    Shows the overview, or the usage, options and examples of COMMAND.

    Examples:
      firmpaths help run

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        guard let name = arguments.first else {
            console.out(FirmPathsCLI.overview)
            return
        }
        guard let command = FirmPathsCLI.commands.first(where: { $0.name == name }) else {
            throw CLIError(.usage, "unknown command '\(name)'", usage: FirmPathsCLI.overview)
        }
        console.out(command.help)
    }
}
