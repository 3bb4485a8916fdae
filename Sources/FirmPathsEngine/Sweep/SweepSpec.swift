import FirmPathsIO
import Foundation
import FirmPathsModel

/// A scenario's `sweep` block, parsed and checked against the scenario it belongs to.
///
/// The block's shape:
/// ```json
/// "sweep": {
///   "design": "grid" | "latin_hypercube" | "morris" | "sobol" | "combinations" | "file",
///   "parameters": {
///     "policy.exportPromotion": [0, 0.2, 0.4],                  // values (grid)
///     "model.learning.rate": {"from": 0.1, "to": 0.5, "step": 0.1}, // stepped range (grid)
///     "population.founderExperienceMean": {"min": 0, "max": 1}     // interval (latin_hypercube, morris)
///   },
///   "samples": 100,          // latin_hypercube; sobol: base samples N
///   "second_order": false,   // sobol
///   "scramble": false,       // sobol
///   "file": "points.csv",    // file: one column per parameter path, one row per point
///   "trajectories": 10,      // morris (r)
///   "levels": 4,             // morris (p, default 4)
///   "combinations": [{"policy.exportPromotion": 0.2, "population.firms": 200}],
///   "replications": 5,       // runs per design point (default 1)
///   "seed": 7,               // base seed (default: the scenario's seed)
///   "seeds": "per_point" | "per_trajectory" | "per_replication",  // which runs share seeds
///   "outcomes": {"name": {"measure": "share_firms", ...}}           // extra runs.csv columns
/// }
/// ```
/// Parameter order in `parameters` is the column order of `runs.csv`. Everything is checked
/// here, before any run starts, because a typo found after hours of runs wastes the hours.
public struct SweepSpec: Sendable, Equatable {
    /// The design names accepted in `design`, as written in files.
    public static let designNames = ["grid", "latin_hypercube", "morris", "combinations", "sobol", "file"]

    /// Factors and method, ready for `SweepDesign.points(seed:)`; nil when the scenario has no
    /// sweep block and is run as a single point.
    public var design: SweepDesign?
    /// The `design` name as written in the file.
    public var designName: String
    /// Runs per design point.
    public var replications: Int
    /// Seed all run seeds derive from (and randomized designs draw from).
    public var baseSeed: UInt64
    /// The block as written (nil when the scenario has none), recorded in manifests.
    public var raw: JSONValue?
    /// Which runs share seeds (`seeds`).
    public var seeds: SeedPolicy = .perPoint
    /// User-defined outcomes (`outcomes`), extra columns of runs.csv.
    public var outcomes: [SweepOutcome] = []

    /// The values of `seeds`.
    public enum SeedPolicy: String, Sendable, Equatable, CaseIterable {
        /// Every point its own seeds.
        case perPoint = "per_point"
        /// The points of one Morris trajectory (or one Saltelli base sample) share seeds.
        case perTrajectory = "per_trajectory"
        /// Replication r of every point uses the same seed.
        case perReplication = "per_replication"
    }

    /// Points per trajectory of designs made of trajectories (Morris: k + 1), nil for others.
    public var trajectorySize: Int? {
        guard let design else { return nil }
        switch design.method {
        case .morris: return design.factors.count + 1
        case .saltelli(_, let secondOrder, _): return SaltelliDesign.blockSize(factors: design.factors.count, secondOrder: secondOrder)
        default: return nil
        }
    }

    /// The seed sharing of the run plan.
    public var seeding: RunSeeding {
        switch seeds {
        case .perPoint: return .perPoint
        case .perReplication: return .perReplication
        case .perTrajectory: return trajectorySize.map { .perGroup(size: $0) } ?? .perPoint
        }
    }

    /// The swept parameter paths, in column order.
    public var paths: [String] {
        guard let design else { return [] }
        if !design.factors.isEmpty { return design.factors.map(\.path) }
        if case .combinations(let rows) = design.method, let first = rows.first { return first.keys.sorted() }
        if case .file(let external) = design.method { return external.paths }
        return []
    }

    /// The design points; one point setting nothing when there is no sweep block.
    /// - Throws: `SweepError` (already checked by `parse`, so only for hand-built specs).
    public func points() throws -> [SweepPoint] {
        guard let design else { return [SweepPoint(index: 0, values: [])] }
        return try design.points(seed: baseSeed)
    }

    /// Parses `loaded.sweep`; a scenario without one is a single point with one replication.
    ///
    /// - Parameter loaded: the scenario after `--set` overrides, so swept paths are checked
    ///   against what will actually run.
    /// - Throws: `ScenarioError` (`.invalid`) listing every problem, each located at
    ///   `sweep.<key>` in `loaded.file`.
    public static func parse(_ loaded: LoadedScenario, file: String? = nil) throws(ScenarioError) -> SweepSpec {
        var parser = Parser(file: file ?? loaded.file, resolved: loaded.resolvedJSON, positions: loaded.sweepPositions)
        parser.literals = loaded.sweepLiterals
        let spec = parser.parse(loaded.sweep, defaultSeed: loaded.scenario.seed.value)
        guard parser.problems.isEmpty, let spec else {
            throw ScenarioError(kind: .invalid, problems: parser.problems)
        }
        return spec
    }

    /// Collects problems rather than stopping at the first, so a user fixes a block in one pass.
    private struct Parser {
        let file: String
        let resolved: JSONValue
        /// Positions of the block's keys in the file (see `LoadedScenario.sweepPositions`).
        let positions: [String: SourcePosition]
        /// Integer literals of the block that a Double does not hold exactly, as written.
        var literals: [String: String] = [:]
        var problems: [ScenarioProblem] = []

        mutating func report(_ path: String, _ message: String) {
            problems.append(ScenarioProblem(file: file, position: position(of: path), path: path, message: message))
        }

        /// Where the key a problem's path names sits in the file, or its nearest enclosing key:
        /// `sweep.parameters.policy.exportPromotion` is the member `policy.exportPromotion` of
        /// `sweep.parameters` (parameter paths contain dots), `sweep.combinations[2].x` element 2's `x`.
        func position(of path: String) -> SourcePosition? {
            guard var candidate = canonicalPath(of: path) else { return positions["sweep"] }
            while true {
                if let position = positions[candidate.description] { return position }
                guard let parent = candidate.parent, !parent.isRoot else { return nil }
                candidate = parent
            }
        }

        /// The canonical JSON path of a problem's display path.
        func canonicalPath(of path: String) -> JSONPath? {
            guard path.hasPrefix("sweep") else { return nil }
            var components: [JSONPath.Component] = [.key("sweep")]
            var rest = Substring(path.dropFirst("sweep".count))
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            if let space = rest.firstIndex(of: " ") { rest = rest[..<space] }  // "sweep.file (points.csv, column `x`)"
            for owner in ["parameters", "outcomes"] where rest.hasPrefix(owner + ".") {
                components += [.key(owner), .key(String(rest.dropFirst(owner.count + 1)))]
                rest = ""
            }
            if rest.hasPrefix("combinations[") {
                let inside = rest.dropFirst("combinations[".count)
                if let close = inside.firstIndex(of: "]"), let index = Int(inside[..<close]) {
                    components += [.key("combinations"), .index(index)]
                    let tail = inside[inside.index(after: close)...]
                    if tail.hasPrefix(".") { components.append(.key(String(tail.dropFirst()))) }
                } else {
                    components.append(.key("combinations"))
                }
                rest = ""
            }
            if !rest.isEmpty { components.append(.key(String(rest))) }
            return JSONPath(components)
        }

        mutating func parse(_ block: JSONValue?, defaultSeed: UInt64) -> SweepSpec? {
            guard let block, !block.isNull else {
                // No sweep: the scenario itself is the one point.
                return SweepSpec(design: nil, designName: "none", replications: 1, baseSeed: defaultSeed, raw: nil)
            }
            guard let object = block.objectValue else {
                report("sweep", "expected an object, found \(block.kindName)")
                return nil
            }
            let known = ["design", "parameters", "samples", "trajectories", "levels", "combinations", "replications", "seed",
                         "seeds", "second_order", "scramble", "file", "outcomes"]
            for key in object.keys where !known.contains(key) {
                var message = "unknown key `\(key)`"
                if let suggestion = closestMatch(to: key, in: known) { message += "; did you mean `\(suggestion)`?" }
                report("sweep", message)
            }

            let designName = designName(object)
            let replications = positiveInt(object, "replications") ?? 1
            let seed = seed(object, defaultSeed: defaultSeed)
            let factors = factors(object)
            let method = method(designName, object)
            checkApplicableKeys(designName, object)
            // Paths are checked even when other parts are wrong, so every problem shows at once.
            var paths = object["parameters"]?.objectValue?.keys ?? []
            for row in object["combinations"]?.arrayValue ?? [] {
                for key in row.objectValue?.keys ?? [] where !paths.contains(key) { paths.append(key) }
            }
            for path in paths { checkParameter(path) }
            if case .file(let external) = method {
                for path in external.paths { checkParameter(path, at: "sweep.file (\(external.file), column `\(path)`)") }
            }
            guard let designName, let method, let factors, let seed, problems.isEmpty else { return nil }
            let design = SweepDesign(factors: factors, method: method)
            var spec = SweepSpec(design: design, designName: designName, replications: replications,
                                 baseSeed: seed, raw: block)
            spec.outcomes = outcomes(object, paths: spec.paths)
            if let seeds = seedPolicy(object) {
                spec.seeds = seeds
                if seeds == .perTrajectory, spec.trajectorySize == nil {
                    report("sweep.seeds", "\"per_trajectory\" applies to designs made of trajectories (morris, sobol), not \(designName); "
                        + "use \"per_replication\" for common random numbers over the whole design")
                }
            }
            // Generate once so design errors (from > to, empty lists, LHS with values) surface now.
            do {
                _ = try design.points(seed: seed)
            } catch let error as SweepError {
                report("sweep", error.description)
            } catch {
                report("sweep", "\(error)")
            }
            return problems.isEmpty ? spec : nil
        }

        mutating func designName(_ object: JSONObject) -> String? {
            guard let value = object["design"] else { return "grid" }
            guard let name = value.stringValue else {
                report("sweep.design", "expected one of \(SweepSpec.designNames.joined(separator: ", ")), found \(value.kindName)")
                return nil
            }
            guard SweepSpec.designNames.contains(name) else {
                var message = "unknown design `\(name)`; expected one of \(SweepSpec.designNames.joined(separator: ", "))"
                if let suggestion = closestMatch(to: name, in: SweepSpec.designNames) { message += " (did you mean `\(suggestion)`?)" }
                report("sweep.design", message)
                return nil
            }
            return name
        }

        mutating func outcomes(_ object: JSONObject, paths: [String]) -> [SweepOutcome] {
            guard let value = object["outcomes"] else { return [] }
            guard let members = value.objectValue?.members else {
                report("sweep.outcomes", "expected an object of NAME: definition (as in the targets files), found \(value.kindName)")
                return []
            }
            var outcomes: [SweepOutcome] = []
            for (name, definition) in members {
                if let problem = SweepOutcome.problem(withName: name, paths: paths) {
                    report("sweep.outcomes.\(name)", problem)
                    continue
                }
                do {
                    outcomes.append(SweepOutcome(name: name, measure: try Measure.parse(definition, at: "definition")))
                } catch {
                    report("sweep.outcomes.\(name)", error.message.replacingOccurrences(of: "definition: ", with: ""))
                }
            }
            return outcomes
        }

        mutating func seedPolicy(_ object: JSONObject) -> SeedPolicy? {
            guard let value = object["seeds"] else { return nil }
            let names = SeedPolicy.allCases.map(\.rawValue)
            guard let name = value.stringValue, let policy = SeedPolicy(rawValue: name) else {
                var message = "expected one of \(names.joined(separator: ", ")), found \(value.stringValue.map { "`\($0)`" } ?? value.kindName)"
                if let name = value.stringValue, let suggestion = closestMatch(to: name, in: names) {
                    message += " (did you mean `\(suggestion)`?)"
                }
                report("sweep.seeds", message)
                return nil
            }
            return policy
        }

        /// A true/false key, false when absent; nil (reported) when it is something else.
        mutating func bool(_ object: JSONObject, _ key: String) -> Bool? {
            guard let value = object[key] else { return false }
            guard let flag = value.boolValue else {
                report("sweep.\(key)", "expected true or false, found \(describe(value, at: "sweep.\(key)"))")
                return nil
            }
            return flag
        }

        mutating func positiveInt(_ object: JSONObject, _ key: String) -> Int? {
            guard let value = object[key] else { return nil }
            guard let int = value.intValue, int >= 1 else {
                report("sweep.\(key)", "expected a whole number of at least 1, found \(describe(value, at: "sweep.\(key)"))")
                return nil
            }
            return int
        }

        mutating func seed(_ object: JSONObject, defaultSeed: UInt64) -> UInt64? {
            guard let value = object["seed"] else { return defaultSeed }
            if let text = value.stringValue, let seed = UInt64(text) { return seed }
            if let number = value.doubleValue, number >= 0, number < 9_007_199_254_740_992, number == number.rounded() {
                return UInt64(number)
            }
            report("sweep.seed", "expected a seed: a whole number from 0 to 2^53 (larger seeds as a decimal string), found \(describe(value, at: "sweep.seed"))")
            return nil
        }

        mutating func factors(_ object: JSONObject) -> [SweepFactor]? {
            guard let value = object["parameters"] else { return [] }
            guard let parameters = value.objectValue else {
                report("sweep.parameters", "expected an object of PATH: values, found \(value.kindName)")
                return nil
            }
            var factors: [SweepFactor] = []
            var ok = true
            for (path, spec) in parameters.members {
                if let kind = factorKind(path, spec) {
                    factors.append(SweepFactor(path: path, kind: kind))
                } else {
                    ok = false
                }
            }
            return ok ? factors : nil
        }

        mutating func factorKind(_ path: String, _ spec: JSONValue) -> SweepFactor.Kind? {
            let at = "sweep.parameters.\(path)"
            if let array = spec.arrayValue {
                var values: [Double] = []
                for element in array {
                    guard let number = element.doubleValue else {
                        report(at, "values must be numbers, found \(element.kindName)")
                        return nil
                    }
                    values.append(number)
                }
                guard !values.isEmpty else {
                    report(at, "the list of values is empty")
                    return nil
                }
                return .values(values)
            }
            guard let object = spec.objectValue else {
                report(at, "expected a list of values, {\"from\", \"to\", \"step\"} or {\"min\", \"max\"}, found \(spec.kindName)")
                return nil
            }
            let keys = Set(object.keys)
            func number(_ key: String) -> Double? { object[key]?.doubleValue }
            if keys == ["from", "to", "step"] {
                guard let from = number("from"), let to = number("to"), let step = number("step") else {
                    report(at, "from, to and step must be numbers")
                    return nil
                }
                guard from <= to else {
                    report(at, "range start \(JSONWriter.numberText(from)) is greater than its end \(JSONWriter.numberText(to))")
                    return nil
                }
                guard step > 0 else {
                    report(at, "range step must be positive, got \(JSONWriter.numberText(step))")
                    return nil
                }
                return .range(from: from, to: to, step: step)
            }
            if keys == ["min", "max"] {
                guard let min = number("min"), let max = number("max") else {
                    report(at, "min and max must be numbers")
                    return nil
                }
                guard min <= max else {
                    report(at, "interval minimum \(JSONWriter.numberText(min)) is greater than its maximum \(JSONWriter.numberText(max))")
                    return nil
                }
                return .interval(min: min, max: max)
            }
            report(at, "expected {\"from\", \"to\", \"step\"} or {\"min\", \"max\"}, found keys \(object.keys.joined(separator: ", "))")
            return nil
        }

        mutating func method(_ designName: String?, _ object: JSONObject) -> SweepDesign.Method? {
            switch designName {
            case "grid":
                return .grid
            case "latin_hypercube":
                guard object["samples"] != nil else {
                    report("sweep.samples", "a latin_hypercube design needs `samples`, the number of points")
                    return nil
                }
                return positiveInt(object, "samples").map { .latinHypercube(samples: $0) }
            case "morris":
                guard object["trajectories"] != nil else {
                    report("sweep.trajectories", "a morris design needs `trajectories`, the number r of trajectories")
                    return nil
                }
                let trajectories = positiveInt(object, "trajectories")
                var levels = 4
                if let value = object["levels"] {
                    guard let int = value.intValue, int >= 2 else {
                        report("sweep.levels", "expected a whole number of at least 2, found \(describe(value, at: "sweep.levels"))")
                        return nil
                    }
                    levels = int
                }
                return trajectories.map { .morris(trajectories: $0, levels: levels) }
            case "sobol":
                guard object["samples"] != nil else {
                    report("sweep.samples", "a sobol design needs `samples`, the number N of base samples (N x (k + 2) points)")
                    return nil
                }
                let secondOrder = bool(object, "second_order")
                let scramble = bool(object, "scramble")
                guard let samples = positiveInt(object, "samples"), let secondOrder, let scramble else { return nil }
                return .saltelli(samples: samples, secondOrder: secondOrder, scramble: scramble)
            case "file":
                guard let value = object["file"], let name = value.stringValue, !name.isEmpty else {
                    report("sweep.file", "a file design needs `file`, the path of a CSV with one column per parameter path "
                        + "(relative to \(file))")
                    return nil
                }
                if object["parameters"] != nil {
                    report("sweep.parameters", "a file design takes its parameters from the columns of `\(name)`; remove `parameters`")
                }
                let directory = (file as NSString).deletingLastPathComponent
                let path = name.hasPrefix("/") || directory.isEmpty ? name : directory + "/" + name
                do {
                    return .file(try ExternalDesign(path: path, file: path))
                } catch {
                    report("sweep.file", error.description)
                    return nil
                }
            case "combinations":
                guard let value = object["combinations"], let rows = value.arrayValue else {
                    report("sweep.combinations", "a combinations design needs `combinations`, a list of {PATH: value} objects")
                    return nil
                }
                var result: [[String: Double]] = []
                for (index, row) in rows.enumerated() {
                    guard let members = row.objectValue?.members else {
                        report("sweep.combinations[\(index)]", "expected an object of PATH: value, found \(row.kindName)")
                        return nil
                    }
                    var point: [String: Double] = [:]
                    for (path, value) in members {
                        guard let number = value.doubleValue else {
                            report("sweep.combinations[\(index)].\(path)", "expected a number, found \(value.kindName)")
                            return nil
                        }
                        point[path] = number
                    }
                    result.append(point)
                }
                return .combinations(result)
            default:
                return nil
            }
        }

        /// Keys that belong to another design are errors: a `samples` under a grid is a sign the
        /// user expects sampling that will not happen.
        mutating func checkApplicableKeys(_ designName: String?, _ object: JSONObject) {
            guard let designName else { return }
            let owners = ["samples": ["latin_hypercube", "sobol"], "trajectories": ["morris"], "levels": ["morris"],
                          "combinations": ["combinations"], "second_order": ["sobol"], "scramble": ["sobol"], "file": ["file"]]
            for key in ["samples", "trajectories", "levels", "combinations", "second_order", "scramble", "file"]
            where object[key] != nil {
                if let owner = owners[key], !owner.contains(designName) {
                    report("sweep.\(key)", "`\(key)` applies to \(owner.joined(separator: " and ")) designs, not \(designName)")
                }
            }
            if designName != "combinations", designName != "file", object["parameters"] == nil {
                report("sweep.parameters", "a \(designName) design needs `parameters`")
            }
        }

        /// A swept path must name a number in the resolved scenario; the run seed is not a
        /// parameter because every run's seed is derived (use `replications`).
        mutating func checkParameter(_ text: String, at location: String? = nil) {
            let at = location ?? "sweep.parameters.\(text)"
            let path: JSONPath
            do {
                path = try JSONPath(parsing: text)
            } catch {
                report(at, error.message)
                return
            }
            if path == JSONPath(parsing: "seed", orRoot: ()) {
                report(at, "the seed cannot be swept: run seeds derive from `sweep.seed`; use `replications` for more seeds")
                return
            }
            var walked = JSONPath.root
            for component in path.components {
                let next = walked.appending(component)
                if resolved.value(at: next) == nil {
                    var message = "unknown parameter `\(text)`"
                    switch component {
                    case .key(let key):
                        if let keys = resolved.value(at: walked)?.objectValue?.keys,
                           let suggestion = closestMatch(to: key, in: keys) {
                            message += "; did you mean `\(walked.appending(key: suggestion))`?"
                        }
                    case .index(let index):
                        if let count = resolved.value(at: walked)?.arrayValue?.count {
                            message += ": index \(index) is out of range (`\(walked)` has \(count) elements)"
                        }
                    }
                    report(at, message)
                    return
                }
                walked = next
            }
            guard let value = resolved.value(at: path), value.doubleValue != nil else {
                let found = resolved.value(at: path)?.kindName ?? "nothing"
                report(at, "a sweep can only set numbers, `\(text)` is \(found)")
                return
            }
        }

        func describe(_ value: JSONValue, at path: String? = nil) -> String {
            if let path, let canonical = canonicalPath(of: path), let text = literals[canonical.description] { return text }
            if let number = value.doubleValue { return JSONWriter.numberText(number) }
            return value.kindName
        }
    }
}

extension JSONPath {
    /// Parses `text`, or returns the root for text that is not a path; for comparisons only.
    fileprivate init(parsing text: String, orRoot: Void) {
        self = (try? JSONPath(parsing: text)) ?? .root
    }

    /// A child path one component deeper.
    fileprivate func appending(_ component: Component) -> JSONPath {
        JSONPath(components + [component])
    }
}
