import FirmPathsIO
import FirmPathsReport

/// `firmpaths explain DIR --firm ID`: one firm's story, year by year.
struct ExplainCommand: Command {
    static let name = "explain"
    static let summary = "Tell one firm's story year by year: what it did, why, and its path"
    static let help = """
    Usage: firmpaths explain DIR --firm ID [--run R]

    Reads the run directory DIR and prints, year by year, what firm ID did and why: its
    founding traits (firms.csv), every event of events.csv with the market's name, region
    and psychic distance (PD) and the cause in words, its Johanson-Mattsson quadrant changes
    (trajectories.csv), and at the end its path with the rule and figures that decided it.
    Event lines start with "[event]" and quadrant lines with "[quadrant]", for grep.

    Options:
      --firm ID   the firm (column `firm` of firms.csv)
      --run R     the run, when DIR holds several (column `run`)

    Examples:
      firmpaths explain Results/default --firm 42
      firmpaths explain Results/default --firm 42 | grep '\\[event\\]'
      firmpaths explain Results/merged --firm 7 --run 3

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--firm", "--run"], flags: [], usage: help)
        guard parsed.positionals.count == 1, let directory = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing DIR" : "expected one DIR, found \(parsed.positionals.count)",
                           usage: help)
        }
        guard let firm = try parsed.int("--firm", usage: help, range: 0...Int(Int32.max)) else {
            throw CLIError(.usage, "missing --firm ID", usage: help)
        }
        let run = try parsed.int("--run", usage: help, range: 0...Int(Int32.max))
        let story: FirmStory
        do {
            story = try FirmStory.load(directory: directory, firm: firm, run: run)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        console.out(story.lines().joined(separator: "\n") + "\n")
    }
}
