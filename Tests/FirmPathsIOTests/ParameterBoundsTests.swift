import FirmPathsIO
import FirmPathsModel
import Testing

/// The numerical bounds of issue 14: every floating-point parameter has finite limits (values
/// that passed validation, a productivity sd of 1e155 or a market size of 1.7e308, gave NaN and
/// infinity), and each limit holds exactly: the bound itself is accepted, the next Double past
/// it is refused with the catalog's message, in files and `--set` overrides alike.
@Suite struct ParameterBoundsTests {
    /// A scenario with one element in every list, so every catalog pattern has a concrete path.
    static let base = #"""
        {"name": "bounds",
         "markets": {"list": [{"name": "fr", "region": "home_region", "psychicDistance": 0.2, "size": 1,
                               "costLevel": 1, "costDriftPerYear": 0}]},
         "environment": {"crises": [{"startYear": 1, "durationYears": 1, "depth": 0.3, "regions": ["all"]}]}}
        """#

    /// One case per bounded end of every number parameter (and number-list element).
    struct BoundCase: CustomTestStringConvertible, Sendable {
        let path: String
        let interval: ParameterInterval
        let upper: Bool
        var testDescription: String { "\(path) \(upper ? "upper" : "lower")" }

        /// The extreme allowed value and the nearest refused one.
        var values: (allowed: Double, refused: Double) {
            if upper {
                let bound = interval.upper!
                return interval.upperInclusive ? (bound, bound.nextUp) : (bound.nextDown, bound)
            }
            let bound = interval.lower!
            return interval.lowerInclusive ? (bound, bound.nextDown) : (bound.nextUp, bound)
        }
    }

    static let cases: [BoundCase] = ParameterCatalog.entries.flatMap { entry -> [BoundCase] in
        let concrete = entry.path.replacingOccurrences(of: "[*]", with: "[0]")
        let (path, interval): (String, ParameterInterval)
        switch entry.domain {
        case .number(let i): (path, interval) = (concrete, i)
        case .numberList(_, let element, _): (path, interval) = (concrete + "[0]", element)
        default: return []
        }
        return (interval.lower != nil ? [BoundCase(path: path, interval: interval, upper: false)] : [])
            + (interval.upper != nil ? [BoundCase(path: path, interval: interval, upper: true)] : [])
    }

    /// Parameters in years keep no upper end in the catalog: the validator caps every one at
    /// 10,000 years (`ScenarioValidator.maximumYears`, broken case 72).
    static func isYears(_ entry: ParameterSpec) -> Bool { entry.unit == "years" }

    @Test func everyNumberParameterIsBoundedOnBothSides() {
        for entry in ParameterCatalog.entries {
            let interval: ParameterInterval
            switch entry.domain {
            case .number(let i): interval = i
            case .numberList(_, let element, _): interval = element
            default: continue
            }
            #expect(interval.lower != nil, "\(entry.path) has no lower bound")
            #expect(interval.upper != nil || Self.isYears(entry), "\(entry.path) has no upper bound")
        }
    }

    @Test(arguments: cases) func boundIsAllowedAndNextValueRefused(_ bound: BoundCase) throws {
        let loaded = try loadScenario(Self.base)
        let (allowed, refused) = bound.values
        let atBound = Self.problems(["\(bound.path)=\(JSONWriter.numberText(allowed))"], loaded)
        // Cross-field rules may still object (a Beta sd of 0.5 for a mean of 0.12); the range may not.
        #expect(!atBound.contains { $0.contains("\(bound.path): expected a number") }, "\(atBound)")
        let past = Self.problems(["\(bound.path)=\(JSONWriter.numberText(refused))"], loaded)
        #expect(past.contains("override: \(bound.path): expected a number \(bound.interval.phrase), found \(JSONWriter.numberText(refused))"),
                "\(past)")
    }

    @Test func issueExamplesAreRefusedInFilesAndOverrides() throws {
        let sd = scenarioProblems(#"{"population": {"segments": [{"name": "a", "share": 1, "productivity": {"mean": 1, "sd": 1e155}}]}}"#)
        #expect(sd == ["test.json:1:84: population.segments[0].productivity.sd: expected a number in [0, 1e6], found 1e+155"])
        let size = scenarioProblems(#"""
            {"markets": {"list": [{"name": "x", "region": "home_region", "psychicDistance": 0.2, "size": 1.7e308, "costLevel": 1, "costDriftPerYear": 0}]}}
            """#)
        #expect(size == ["test.json:1:86: markets.list[0].size: expected a number in [1e-6, 1e6], found 1.7e+308"])
        let loaded = try loadScenario("{}")
        #expect(Self.problems(["population.segments[0].productivity.sd=1e155", "markets.regions[0].sizeMedian=1.7e308"], loaded) == [
            "override: population.segments[0].productivity.sd: expected a number in [0, 1e6], found 1e+155",
            "override: markets.regions[0].sizeMedian: expected a number in [1e-6, 1e6], found 1.7e+308",
        ])
    }

    @Test func boundsReadAsPowersOfTen() {
        #expect(ParameterInterval.money.description == "[0, 1e9]")
        #expect(ParameterInterval.scale.description == "[1e-6, 1e6]")
        #expect(ParameterInterval.moneyScale.description == "[1e-3, 1e9]")
        #expect(ParameterInterval.rate.description == "[0, 1000]")
    }

    static func problems(_ overrides: [String], _ loaded: LoadedScenario) -> [String] {
        do {
            _ = try ScenarioLoader.apply(overrides: overrides, to: loaded)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
