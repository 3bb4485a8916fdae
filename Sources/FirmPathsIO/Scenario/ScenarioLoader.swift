import FirmPathsModel
import Foundation

/// Reads scenario files: parse, overlay onto the code's defaults, validate everything, decode.
///
/// A file only states what differs from `Scenario()`. Every problem of a file is reported at once,
/// as `FILE:LINE:COL: PATH: message`, so a user fixes a file in one pass.
public enum ScenarioLoader {
    /// Loads the scenario file at `path`.
    /// - Throws: `ScenarioError` of kind `.unreadable` when the file cannot be read, `.invalid` otherwise.
    public static func load(path: String) throws(ScenarioError) -> LoadedScenario {
        try load(bytes: try readFile(path), file: path)
    }

    /// Loads a scenario from UTF-8 bytes; `file` names it in messages and in the result.
    /// - Throws: `ScenarioError` of kind `.invalid` listing every problem found.
    public static func load(bytes: [UInt8], file: String) throws(ScenarioError) -> LoadedScenario {
        guard bytes.count <= InputFile.maximumBytes else {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: nil, path: nil, message: InputFile.tooLarge(bytes.count, limit: InputFile.maximumBytes)),
            ])
        }
        guard !bytes.isEmpty else {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: nil, path: nil, message: "the file is empty"),
            ])
        }
        let document: JSONDocument
        do {
            document = try JSONParser.parse(bytes, file: file)
        } catch {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: error.position, path: nil, message: error.message),
            ])
        }
        guard case .object(var top) = document.value else {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: document.position(of: .root), path: nil,
                                message: "a scenario must be a JSON object, found \(document.value.kindName)"),
            ])
        }
        let sweep = top["sweep"]
        top["sweep"] = nil
        if sweep?.isNull == true {
            // `null` usually means a block was meant to be there (or emptied by a tool): say so rather than run one point.
            let sweepPath = JSONPath([.key("sweep")])
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: document.position(of: sweepPath), path: "sweep",
                                message: "expected a sweep block (an object such as {\"parameters\": {...}}), found null; "
                                    + "remove the key for a scenario without a sweep"),
            ])
        }
        var loaded = try resolve(.object(top), document: document, file: file, sweep: sweep)
        if sweep != nil {
            func inSweep(_ key: String) -> Bool { key == "sweep" || key.hasPrefix("sweep.") || key.hasPrefix("sweep[") }
            loaded.sweepPositions = document.positions.filter { inSweep($0.key) }
            loaded.sweepLiterals = document.literals.filter { inSweep($0.key) }
        }
        return loaded
    }

    /// Overlays `user` onto the defaults, validates and decodes; shared by files, overrides and sweep points.
    static func resolve(_ user: JSONValue, document: JSONDocument?, file: String, sweep: JSONValue?) throws(ScenarioError) -> LoadedScenario {
        let defaults = try ScenarioDefaults.shared.get()
        let merged = overlay(user, onto: defaults.scenario, arrayElementDefaults: defaults.elementDefault(for:))
        let resolved = ScenarioShape.shared.ordered(merged.value)
        var validator = ScenarioValidator(file: file, document: document)
        for unknown in merged.unknownKeys { validator.report(unknown) }
        validator.check(resolved, at: .root)
        validator.checkConsistency(resolved)
        guard validator.problems.isEmpty else {
            throw ScenarioError(kind: .invalid, problems: sortedBySource(validator.problems))
        }
        let scenario = try decode(resolved, file: file)
        return LoadedScenario(scenario: scenario, resolvedJSON: resolved, sweep: sweep, file: file)
    }

    /// Decodes with Foundation's decoder; after validation a failure here means the catalog and the code disagree.
    static func decode(_ resolved: JSONValue, file: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try resolved.serialized()
        } catch {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: nil, path: error.path, message: error.description),
            ])
        }
        do {
            return try JSONDecoder().decode(Scenario.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw ScenarioError(kind: .invalid, problems: [decodingProblem(error, file: file)])
        } catch {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: nil, path: nil, message: "cannot decode the scenario: \(error)"),
            ])
        }
    }

    private static func decodingProblem(_ error: DecodingError, file: String) -> ScenarioProblem {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default:
            return ScenarioProblem(file: file, position: nil, path: nil, message: "cannot decode the scenario: \(error)")
        }
        let path = JSONPath(context.codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) })
        return ScenarioProblem(file: file, position: nil, path: path.description, message: context.debugDescription)
    }

    /// Problems in file order (those without a position last), keeping discovery order for ties.
    static func sortedBySource(_ problems: [ScenarioProblem]) -> [ScenarioProblem] {
        problems.enumerated().sorted { lhs, rhs in
            let left = lhs.element.position?.offset ?? Int.max
            let right = rhs.element.position?.offset ?? Int.max
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The file's bytes, or an error saying why in plain words: `.unreadable` when it cannot be
    /// read (no such file, a directory, permission), `.invalid` when it is empty or larger than
    /// `InputFile.maximumBytes`.
    static func readFile(_ path: String) throws(ScenarioError) -> [UInt8] {
        do {
            return try InputFile.read(path)
        } catch {
            throw ScenarioError(kind: error.kind == .unreadable ? .unreadable : .invalid, problems: [
                ScenarioProblem(file: path, position: nil, path: nil,
                                message: (error.kind == .unreadable ? "cannot read scenario file: " : "") + error.reason),
            ])
        }
    }
}
