import FirmPathsEngine
import FirmPathsIO
import Foundation

/// Finds a scenario by path or by bundled name.
///
/// The rule (also in `firmpaths help run`): an argument with a `/` is a path
/// (`Scenarios/crisis.json`, `./my`); `NAME.json` is the file of that name when there is a
/// *file* of that name; anything else, a bare name (`default`, `crisis`), is a bundled scenario:
/// first `$FIRMPATHS_SCENARIOS/NAME.json` when that variable is set, then the copy built into
/// the binary (`BundledScenarios`), so a name works from any directory and a directory called
/// `default` (or `default.json`) in the working directory does not shadow it.
enum ScenarioResolution {
    /// Where a scenario's bytes come from.
    enum Source: Equatable {
        /// A file on disk.
        case file(String)
        /// A copy built into the binary.
        case builtIn(name: String)

        /// How messages and manifests name it: the path, or `NAME.json (built in)`.
        var label: String {
            switch self {
            case .file(let path): path
            case .builtIn(let name): name + ".json (built in)"
            }
        }
    }

    static func source(for argument: String, environment: [String: String]) throws(CLIError) -> Source {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
        if exists && (argument.contains("/") || (argument.hasSuffix(".json") && !isDirectory.boolValue)) {
            return .file(argument)
        }
        var message = "cannot read scenario '\(argument)': no such file"
        if !argument.contains("/") {
            let name = argument.hasSuffix(".json") ? String(argument.dropLast(5)) : argument
            if let custom = environment["FIRMPATHS_SCENARIOS"], !custom.isEmpty {
                let candidate = custom + "/" + name + ".json"
                var candidateIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &candidateIsDirectory), !candidateIsDirectory.boolValue {
                    return .file(candidate)
                }
            }
            if BundledScenarios.bytes(named: name) != nil { return .builtIn(name: name) }
            message += " and no bundled scenario of that name (bundled: "
                + bundledNames(environment: environment).joined(separator: ", ") + ")"
            if !argument.hasSuffix(".json") { message += "; a file's path needs a '/' or '.json', e.g. ./\(argument).json" }
        }
        throw CLIError(.ioError, message)
    }

    /// The name or path messages should use for `argument`.
    static func path(for argument: String, environment: [String: String]) throws(CLIError) -> String {
        try source(for: argument, environment: environment).label
    }

    /// The built-in names and those in `$FIRMPATHS_SCENARIOS`, sorted.
    static func bundledNames(environment: [String: String]) -> [String] {
        var names = BundledScenarios.names
        if let custom = environment["FIRMPATHS_SCENARIOS"], !custom.isEmpty {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: custom)) ?? []
            names += files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        }
        return Array(Set(names)).sorted()
    }

    /// Loads, applies `--set` overrides and maps errors to exit statuses.
    static func load(_ argument: String, overrides: [String], environment: [String: String]) throws(CLIError) -> LoadedScenario {
        let source = try source(for: argument, environment: environment)
        do {
            var loaded: LoadedScenario
            switch source {
            case .file(let path):
                loaded = try ScenarioLoader.load(path: path)
            case .builtIn(let name):
                loaded = try ScenarioLoader.load(bytes: BundledScenarios.bytes(named: name) ?? [], file: source.label)
            }
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

/// `FIRMPATHS_FREE_SPACE`: the free space (bytes, or 512M, 16G ...) the disk-space check of `run` and
/// `sweep` assumes instead of asking the file system; for tests of the refusal.
enum FreeSpaceOverride {
    static let variable = "FIRMPATHS_FREE_SPACE"

    static func from(environment: [String: String]) throws(CLIError) -> Double? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let bytes = MemoryGuard.parseBytes(text) else {
            throw CLIError(.usage, "\(variable) expects a size in bytes such as 8000000000, 512M or 16G, found '\(text)'")
        }
        return bytes
    }
}
