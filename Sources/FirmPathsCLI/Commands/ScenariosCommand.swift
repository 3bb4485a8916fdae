import FirmPathsIO

/// `firmpaths scenarios`: the bundled scenarios and what each shows.
struct ScenariosCommand: Command {
    static let name = "scenarios"
    static let summary = "List the bundled scenarios with their descriptions"
    static let help = """
    Usage: firmpaths scenarios

    Lists the scenarios in Scenarios/ (or $FIRMPATHS_SCENARIOS) with their one-line descriptions.

    Examples:
      firmpaths scenarios
      firmpaths run $(firmpaths scenarios | head -1 | cut -d' ' -f1)

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        _ = try Arguments(arguments, options: [], flags: [], usage: help)
        let names = ScenarioResolution.bundledNames(environment: console.environment)
        guard !names.isEmpty else { throw CLIError(.ioError, "no scenarios found in Scenarios/") }
        let width = names.map(\.count).max() ?? 10
        for name in names {
            let description: String
            do {
                let path = try ScenarioResolution.path(for: name, environment: console.environment)
                description = try ScenarioLoader.load(path: path).scenario.description
            } catch {
                description = "(does not load: run `firmpaths check \(name)`)"
            }
            console.out(name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + description + "\n")
        }
    }
}
