import FirmPathsIO

/// `firmpaths params`: every scenario key with unit, default, range and source.
struct ParamsCommand: Command {
    static let name = "params"
    static let summary = "Print every scenario parameter (the text of docs/SCENARIOS.md)"
    static let help = """
    Usage: firmpaths params

    Prints, as Markdown, every key a scenario file may set, with its unit, default, allowed
    range and the source or reason for its default. docs/SCENARIOS.md is this output.

    Examples:
      firmpaths params > docs/SCENARIOS.md

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        try Arguments(arguments, options: [], flags: [], usage: help).expectNoPositionals(usage: help)
        do {
            console.out(try ScenarioDocumentation.markdown())
        } catch {
            throw CLIError(.software, error.description)
        }
    }
}
