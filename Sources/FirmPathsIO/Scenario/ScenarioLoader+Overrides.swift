import FirmPathsModel
import Foundation

extension ScenarioLoader {
    /// Label of problems caused by command-line overrides, which have no file position.
    static let overrideLabel = "override"
    /// Label of problems caused by the values of a sweep point.
    static let sweepPointLabel = "sweep point"

    /// Applies `PATH=VALUE` overrides (e.g. `population.firms=200`, `name=x`) and validates the result like a file.
    ///
    /// VALUE is read as JSON when it parses (numbers, booleans, arrays, quoted strings), otherwise as
    /// a bare string, so `name=baseline` needs no quotes. PATH must exist in the resolved scenario:
    /// a typo fails with a suggestion instead of silently adding a parameter nobody reads.
    /// - Throws: `ScenarioError` (`.invalid`) listing every bad override and every resulting problem.
    public static func apply(overrides: [String], to loaded: LoadedScenario) throws(ScenarioError) -> LoadedScenario {
        var resolved = loaded.resolvedJSON
        var problems: [ScenarioProblem] = []
        var literals: [String: String] = [:]
        for override in overrides {
            guard let equals = override.firstIndex(of: "=") else {
                problems.append(problem(nil, "`\(override)` is not of the form PATH=VALUE"))
                continue
            }
            let pathText = String(override[..<equals])
            let valueText = String(override[override.index(after: equals)...])
            var value = (try? JSONParser.parse(valueText, file: overrideLabel, recordPositions: false).value) ?? .string(valueText)
            do throws(ScenarioProblemBox) {
                let path = try existingPath(pathText, in: resolved)
                if JSONParser.isInexactInteger(valueText) {
                    // Above 2^53 a Double is not the number written: seeds take it as the decimal
                    // string a file would use; other parameters report the text as written.
                    if ParameterCatalog.entry(forPattern: path.patternDescription)?.domain == .seed {
                        value = .string(valueText.trimmingCharacters(in: .whitespaces))
                    } else {
                        literals[path.description] = valueText.trimmingCharacters(in: .whitespaces)
                    }
                }
                do {
                    try resolved.setValue(value, at: path)
                } catch {
                    throw ScenarioProblemBox(problem(path.description, error.message))
                }
            } catch {
                problems.append(error.problem)
            }
        }
        guard problems.isEmpty else { throw ScenarioError(kind: .invalid, problems: problems) }
        let document = literals.isEmpty ? nil : JSONDocument(value: resolved, positions: [:], literals: literals)
        var result = try resolve(resolved, document: document, file: overrideLabel, sweep: loaded.sweep)
        // The overrides' own problems are named "override" (above); the scenario still comes from
        // its file, which manifests record as scenario_file and later messages (the sweep block) name.
        result.file = loaded.file
        result.sweepPositions = loaded.sweepPositions
        result.sweepLiterals = loaded.sweepLiterals
        return result
    }

    /// Sets numeric parameters of one sweep point (`policy.exportPromotion`, `population.segments[0].share`) and validates.
    ///
    /// Re-validating and re-decoding the whole scenario costs well under a millisecond, small
    /// against a run, and keeps sweep points to exactly the rules of files. Integer parameters
    /// accept only whole values.
    /// - Throws: `ScenarioError` (`.invalid`) for unknown or non-numeric paths and invalid values.
    public static func settingValues(_ values: [(path: String, value: Double)], in loaded: LoadedScenario) throws(ScenarioError) -> LoadedScenario {
        var resolved = loaded.resolvedJSON
        var problems: [ScenarioProblem] = []
        for (pathText, number) in values {
            do throws(ScenarioProblemBox) {
                let path = try existingPath(pathText, in: resolved, label: sweepPointLabel)
                guard resolved.value(at: path)?.doubleValue != nil else {
                    let found = resolved.value(at: path).map { $0.kindName } ?? "nothing"
                    throw ScenarioProblemBox(problem(path.description, "a sweep can only set numbers, the parameter is \(found)",
                                                     label: sweepPointLabel))
                }
                do {
                    try resolved.setValue(.number(number), at: path)
                } catch {
                    throw ScenarioProblemBox(problem(path.description, error.message, label: sweepPointLabel))
                }
            } catch {
                problems.append(error.problem)
            }
        }
        guard problems.isEmpty else { throw ScenarioError(kind: .invalid, problems: problems) }
        return try resolve(resolved, document: nil, file: sweepPointLabel, sweep: loaded.sweep)
    }

    /// Parses `text` and checks that it names something in `resolved`, suggesting the closest key when it does not.
    private static func existingPath(_ text: String, in resolved: JSONValue, label: String = overrideLabel) throws(ScenarioProblemBox) -> JSONPath {
        let path: JSONPath
        do {
            path = try JSONPath(parsing: text)
        } catch {
            throw ScenarioProblemBox(problem(text, error.message, label: label))
        }
        guard !path.isRoot else { throw ScenarioProblemBox(problem(nil, "an empty path cannot be set", label: label)) }
        var walked = JSONPath.root
        for component in path.components {
            let next = walked.appending(component)
            if resolved.value(at: next) == nil {
                var message = "unknown parameter `\(path)`"
                if case .key(let key) = component, let keys = resolved.value(at: walked)?.objectValue?.keys,
                   let suggestion = closestMatch(to: key, in: keys) {
                    message += "; did you mean `\(walked.appending(key: suggestion))`?"
                } else if case .index(let index) = component, let count = resolved.value(at: walked)?.arrayValue?.count {
                    message += ": index \(index) is out of range (`\(walked)` has \(count) elements)"
                }
                throw ScenarioProblemBox(problem(nil, message, label: label))
            }
            walked = next
        }
        return path
    }

    private static func problem(_ path: String?, _ message: String, label: String = overrideLabel) -> ScenarioProblem {
        ScenarioProblem(file: label, position: nil, path: path, message: message)
    }
}

/// A single problem as a typed error, so helpers can stop early without losing the other overrides' problems.
struct ScenarioProblemBox: Error {
    let problem: ScenarioProblem
    init(_ problem: ScenarioProblem) { self.problem = problem }
}

extension JSONPath {
    /// A child path one component deeper.
    func appending(_ component: Component) -> JSONPath {
        JSONPath(components + [component])
    }
}
