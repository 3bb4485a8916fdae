import FirmPathsIO

/// `firmpaths scenarios`: the bundled scenarios and what each shows.
struct ScenariosCommand: Command {
    static let name = "scenarios"
    static let summary = "List the bundled scenarios with their descriptions"
    static let help = """
    Usage: firmpaths scenarios

    Lists the scenarios built into firmpaths (copies of Scenarios/*.json), and those in
    $FIRMPATHS_SCENARIOS when it is set, with their one-line descriptions. Give a name to
    run, check or sweep one from any directory; give a path (with '/' or '.json') for a file.

    Examples:
      firmpaths scenarios
      firmpaths run $(firmpaths scenarios | head -1 | cut -d' ' -f1)

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        try Arguments(arguments, options: [], flags: [], usage: help).expectNoPositionals(usage: help)
        let names = ScenarioResolution.bundledNames(environment: console.environment)
        let width = names.map(\.count).max() ?? 10
        for name in names {
            let description: String
            do {
                description = try ScenarioResolution.load(name, overrides: [], environment: console.environment).scenario.description
            } catch {
                description = "(does not load: run `firmpaths check \(name)`)"
            }
            console.out(name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + description + "\n")
        }
    }
}
