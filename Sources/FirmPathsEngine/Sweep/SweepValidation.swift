import FirmPathsIO
import FirmPathsModel

/// Checks every design point of a sweep against the scenario rules without validating each
/// point in full (about 3 ms each: 10,000 points took 30 s, 10^6 points most of an hour).
///
/// The rules a point can break are of two kinds. A parameter's own range (an interval, a whole
/// number, the 10,000-year bound) depends on that parameter alone and its allowed set is an
/// interval; the cross-field rules (segment shares summing to 1, a Beta trait's sd below
/// sqrt(mean (1 - mean)), psychicDistanceMin <= psychicDistanceMax, the number of markets)
/// involve only `population.segments`, `markets` and list elements, and each rule's allowed set
/// is convex. So:
/// - a factor outside those parts (an *independent* factor) whose catalog domain is an interval
///   is valid at every point when it is valid at its smallest and its largest value (and, for a
///   whole-number parameter, every value is whole); one full validation each;
/// - the *coupled* factors (inside those parts) are valid at every point when every corner of
///   their bounding box is valid (convex sets contain the box when they contain its corners);
///   with more than 6 of them, or when a corner fails, each distinct combination of their
///   values is validated (with the other factors at the base values, which they do not
///   interact with);
/// - anything else (a parameter the catalog does not describe as an interval) is validated once
///   per distinct value.
/// Every point found invalid is then validated in full, so messages are exactly those of a
/// point-by-point check. Work: a handful of validations plus O(points x factors) arithmetic.
enum SweepValidation {
    /// Most coupled factors whose box corners are checked (2^6 = 64 validations).
    static let maximumCornerFactors = 6

    /// Indices of invalid points (ascending, at most `limit`), each with its full error.
    static func failures(points: [SweepPoint], loaded: LoadedScenario, threads: Int, limit: Int = 20) -> [(Int, ScenarioError)] {
        guard let first = points.first, !first.values.isEmpty else { return [] }
        let factorCount = first.values.count
        let paths = first.values.map(\.path)
        var candidates: [Candidate] = []
        var suspects = Set<Int>()
        var coupled: [Int] = []
        var coupledAllConvex = true

        for f in 0..<factorCount {
            let domain = Self.domain(of: paths[f])
            var low = Double.infinity, high = -Double.infinity, lowIndex = 0, highIndex = 0
            for (index, point) in points.enumerated() {
                let value = point.values[f].value
                if value < low { low = value; lowIndex = index }
                if value > high { high = value; highIndex = index }
                if domain.isWhole, value.rounded() != value { suspects.insert(index) }
            }
            if Self.isCoupled(paths[f]) {
                coupled.append(f)
                if !domain.isConvex { coupledAllConvex = false }
                continue
            }
            if domain.isConvex {
                candidates.append(Candidate(point: lowIndex, values: [(paths[f], low)]))
                if highIndex != lowIndex { candidates.append(Candidate(point: highIndex, values: [(paths[f], high)])) }
            } else {
                var seen = Set<Double>()
                for (index, point) in points.enumerated() where seen.insert(point.values[f].value).inserted {
                    candidates.append(Candidate(point: index, values: [(paths[f], point.values[f].value)]))
                }
            }
        }

        // Coupled factors: the corners of their box, else every distinct combination.
        var exactCoupled = !coupled.isEmpty && (!coupledAllConvex || coupled.count > maximumCornerFactors)
        if !coupled.isEmpty && !exactCoupled {
            let bounds = coupled.map { f in
                points.reduce((Double.infinity, -Double.infinity)) { ($0.0 < $1.values[f].value ? $0.0 : $1.values[f].value,
                                                                       $0.1 > $1.values[f].value ? $0.1 : $1.values[f].value) }
            }
            let corners = (0..<(1 << coupled.count)).map { mask in
                Candidate(point: nil, values: coupled.indices.map { c in
                    (paths[coupled[c]], mask & (1 << c) == 0 ? bounds[c].0 : bounds[c].1)
                })
            }
            if corners.contains(where: { Self.validate($0.values, loaded) != nil }) { exactCoupled = true }
        }
        if exactCoupled {
            var seen = Set<[Double]>()
            for (index, point) in points.enumerated() {
                let key = coupled.map { point.values[$0].value }
                if seen.insert(key).inserted {
                    candidates.append(Candidate(point: index, values: coupled.map { (paths[$0], point.values[$0].value) }))
                }
            }
        }

        let checks = candidates
        let results = ParallelFor.map(count: checks.count, threads: threads, chunk: 4) { i in
            Self.validate(checks[i].values, loaded) != nil
        }
        for (i, failed) in results.enumerated() where failed {
            if let point = candidates[i].point { suspects.insert(point) }
        }
        // One actual point in full as well: its decoding and the rules outside those above.
        suspects.insert(0)
        var failures: [(Int, ScenarioError)] = []
        var problemCount = 0
        for index in suspects.sorted() {
            guard let error = Self.validate(points[index].values, loaded) else { continue }
            failures.append((index, error))
            problemCount += error.problems.count
            if problemCount >= limit { break }
        }
        return failures
    }

    struct Candidate: @unchecked Sendable {
        // @unchecked: immutable after construction; tuples of String and Double.
        let point: Int?
        let values: [(path: String, value: Double)]
    }

    static func validate(_ values: [(path: String, value: Double)], _ loaded: LoadedScenario) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.settingValues(values, in: loaded)
            return nil
        } catch {
            return error
        }
    }

    /// Whether a path is in a part of the scenario that cross-field rules read.
    static func isCoupled(_ path: String) -> Bool {
        path.hasPrefix("population.segments") || path == "markets" || path.hasPrefix("markets.") || path.hasPrefix("markets[")
            || path.contains("[")
    }

    struct Domain {
        /// Allowed values form an interval (for one parameter alone).
        var isConvex: Bool
        /// Only whole numbers are allowed.
        var isWhole: Bool
    }

    /// What the catalog says of the values `path` may take.
    static func domain(of path: String) -> Domain {
        guard let parsed = try? JSONPath(parsing: path) else { return Domain(isConvex: false, isWhole: false) }
        let pattern = parsed.patternDescription
        switch ParameterCatalog.entry(forPattern: pattern)?.domain {
        case .number?: return Domain(isConvex: true, isWhole: false)
        case .integer?: return Domain(isConvex: true, isWhole: true)
        default: break
        }
        // An element of a number list (`model.learning.gainByMode[2]`): each element is in an interval.
        if pattern.hasSuffix("[*]"), case .numberList? = ParameterCatalog.entry(forPattern: String(pattern.dropLast(3)))?.domain {
            return Domain(isConvex: true, isWhole: false)
        }
        return Domain(isConvex: false, isWhole: false)
    }
}
