import FirmPathsEngine
import FirmPathsIO
import Foundation

/// Finds a scenario by path or by bundled name (`default` -> `Scenarios/default.json`).
enum ScenarioResolution {
    /// Directories searched for bundled scenarios, in order.
    static func scenarioDirectories(environment: [String: String]) -> [String] {
        var directories: [String] = []
        if let custom = environment["FIRMPATHS_SCENARIOS"] { directories.append(custom) }
        directories.append("Scenarios")
        return directories
    }

    static func path(for argument: String, environment: [String: String]) throws(CLIError) -> String {
        if FileManager.default.fileExists(atPath: argument) { return argument }
        if !argument.contains("/") {
            let name = argument.hasSuffix(".json") ? argument : argument + ".json"
            for directory in scenarioDirectories(environment: environment) {
                let candidate = directory + "/" + name
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        let bundled = bundledNames(environment: environment)
        var message = "cannot read scenario '\(argument)': no such file"
        if !bundled.isEmpty { message += " and no bundled scenario of that name (bundled: \(bundled.joined(separator: ", ")))" }
        throw CLIError(.ioError, message)
    }

    static func bundledNames(environment: [String: String]) -> [String] {
        var names: [String] = []
        for directory in scenarioDirectories(environment: environment) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            names += files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        }
        return Array(Set(names)).sorted()
    }

    /// Loads, applies `--set` overrides and maps errors to exit statuses.
    static func load(_ argument: String, overrides: [String], environment: [String: String]) throws(CLIError) -> LoadedScenario {
        let path = try path(for: argument, environment: environment)
        do {
            var loaded = try ScenarioLoader.load(path: path)
            if !overrides.isEmpty { loaded = try ScenarioLoader.apply(overrides: overrides, to: loaded) }
            return loaded
        } catch {
            throw CLIError(error.kind == .unreadable ? .ioError : .dataError, error.description)
        }
    }
}

/// `FIRMPATHS_MEMORY_LIMIT` (bytes, or with K, M, G, T): the memory runs may plan for instead of
/// the machine's, e.g. on a shared node.
enum MemoryLimit {
    static let variable = "FIRMPATHS_MEMORY_LIMIT"

    static func from(environment: [String: String]) throws(CLIError) -> Double? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let bytes = MemoryGuard.parseBytes(text) else {
            throw CLIError(.usage, "\(variable) expects a size in bytes such as 8000000000, 512M or 16G, found '\(text)'")
        }
        return bytes
    }
}
