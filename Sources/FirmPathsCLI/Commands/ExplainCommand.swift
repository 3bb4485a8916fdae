import FirmPathsIO
import FirmPathsReport

/// `firmpaths explain DIR --firm ID`: one firm's story, year by year.
struct ExplainCommand: Command {
    static let name = "explain"
    static let summary = "Tell one firm's story year by year: what it did, why, and its path"
    static let help = """
    Usage: firmpaths explain DIR --firm ID [--run R] [--brief]

    Reads the run directory DIR and prints, year by year, what firm ID did and why: its
    founding traits (firms.csv), every event of events.csv with the market's name, region
    and psychic distance (PD) and the cause in words, its Johanson-Mattsson quadrant changes
    (trajectories.csv), and at the end its path with the rule and figures that decided it.
    Event lines start with "[event]" and quadrant lines with "[quadrant]", for grep; each
    says the step, the quarter and the firm's age (years since its founding).
    With --brief: the story in two paragraphs of plain words instead (who founded it, what
    it did abroad and why, what went wrong, told once per kind with counts, how it ended and
    why that is its path).

    Options:
      --firm ID   the firm (column `firm` of firms.csv)
      --run R     the run, when DIR holds several (column `run`)
      --brief     the story in a paragraph or two, not year by year

    Examples:
      firmpaths explain Results/default --firm 42
      firmpaths explain Results/default --firm 42 | grep '\\[event\\]'
      firmpaths explain Results/demo --firm 108 --brief
      firmpaths explain Results/merged --firm 7 --run 3

    """

    /// A sweep writes events.csv (and firms.csv) only when asked (`--record`): say so, rather
    /// than that a file cannot be opened.
    static func checkRecorded(_ directory: String, run: Int?) throws(CLIError) {
        guard let manifest = try? RunManifest.load(directory: directory), manifest.kind == "sweep" else { return }
        let missing = [RunFiles.firms, RunFiles.events].filter { !RunFiles.exists($0, in: directory) }
        guard !missing.isEmpty else { return }
        let rerun = "firmpaths rerun \(directory) --run \(run.map(String.init) ?? "K")"
        throw CLIError(.dataError, "'\(directory)' is a sweep recorded without \(missing.joined(separator: " and ")), which "
            + "explain reads: sweep again with --record runs,firms,events (add `--record events` to the tables you "
            + "record), or write one run with its events by `\(rerun)` and explain that directory")
    }

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--firm", "--run"], flags: ["--brief"], usage: help)
        guard parsed.positionals.count == 1, let directory = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing DIR" : "expected one DIR, found \(parsed.positionals.count)",
                           usage: help)
        }
        guard let firm = try parsed.int("--firm", usage: help, range: 0...Int(Int32.max)) else {
            throw CLIError(.usage, "missing --firm ID", usage: help)
        }
        let run = try parsed.int("--run", usage: help, range: 0...Int(Int32.max))
        try checkRecorded(directory, run: run)
        let story: FirmStory
        do {
            story = try FirmStory.load(directory: directory, firm: firm, run: run)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        if parsed.has("--brief") {
            let paragraphs = story.brief().map { DemoCommand.wrap($0, width: DemoCommand.width).joined(separator: "\n") }
            console.out(paragraphs.joined(separator: "\n\n") + "\n")
        } else {
            console.out(story.lines().joined(separator: "\n") + "\n")
        }
    }
}
