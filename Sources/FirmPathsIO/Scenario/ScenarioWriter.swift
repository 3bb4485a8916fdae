import FirmPathsModel

/// Writes scenarios as pretty JSON with keys in declaration order, byte-identical across runs, for manifests and `--dump` style output.
public enum ScenarioWriter {
    /// The resolved scenario of `loaded` as pretty JSON text ending in a newline.
    /// - Throws: `ScenarioError` (`.invalid`) if a value is not finite (JSON has no NaN or infinity).
    public static func text(of loaded: LoadedScenario) throws(ScenarioError) -> String {
        try text(ofResolved: loaded.resolvedJSON, file: loaded.file)
    }

    /// `scenario` (for example one built in code) as pretty JSON text ending in a newline.
    /// - Throws: `ScenarioError` (`.invalid`) if a value is not finite.
    public static func text(of scenario: Scenario) throws(ScenarioError) -> String {
        try text(ofResolved: ScenarioDefaults.json(of: scenario), file: "<scenario>")
    }

    private static func text(ofResolved value: JSONValue, file: String) throws(ScenarioError) -> String {
        do {
            return try ScenarioShape.shared.ordered(value).serialized(pretty: true) + "\n"
        } catch {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: nil, path: error.path, message: error.description),
            ])
        }
    }
}
