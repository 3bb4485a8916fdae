/// A number of the simulation's state that is not finite (infinity or NaN), where a table would
/// write it (issue 14: such values used to become empty CSV fields with exit status 0).
///
/// The parameter ranges are chosen so that this never happens (see `ParameterInterval.money`
/// and the bounds after it); this is the defence in depth for combinations they cannot rule
/// out. The model only finds the value; the engine names the file and stops the run.
public struct NonFiniteValue: Sendable, Equatable {
    /// What kind of state holds the value.
    public enum Source: Sendable, Equatable {
        /// A market of the world (markets.csv).
        case market
        /// A firm's trait drawn at setup (firms.csv).
        case firmTrait
        /// A firm's current state (trajectories.csv, and firms/runs/years at the end).
        case firmState
        /// The value of an event (events.csv).
        case event
    }

    public var source: Source
    /// The `FirmStore` column, `Market` or `FirmEvent` property, e.g. `revenue`, `size`, `value`.
    public var field: String
    public var firm: Int?
    public var market: Int?
    /// The step of the value (-1 before the first step).
    public var step: Int
    public var value: Double

    public init(source: Source, field: String, firm: Int?, market: Int?, step: Int, value: Double) {
        self.source = source
        self.field = field
        self.firm = firm
        self.market = market
        self.step = step
        self.value = value
    }
}

extension Simulation {
    /// The firm columns the trajectory table writes, by name.
    var writtenStateColumns: [(String, Column<Double>)] {
        [("revenue", store.revenue), ("foreignShare", store.foreignShare), ("homeRegionShare", store.homeRegionShare),
         ("generalKnowledge", store.generalKnowledge), ("meanMarketKnowledge", store.meanMarketKnowledge),
         ("firmInternationalization", store.firmInternationalization),
         ("networkInternationalization", store.networkInternationalization), ("cash", store.cash)]
    }

    /// The traits the firm table writes, by name.
    var writtenTraitColumns: [(String, Column<Double>)] {
        [("founderExperience", store.founderExperience), ("globalVision", store.globalVision), ("niche", store.niche),
         ("productivity", store.productivity), ("riskTolerance", store.riskTolerance),
         ("initialEmployees", store.initialEmployees), ("initialCashShare", store.initialCashShare),
         ("learningCapacity", store.learningCapacity), ("networkingCapability", store.networkingCapability)]
    }

    /// The first non-finite market value or firm trait (what markets.csv and firms.csv write of
    /// the setup), or nil. O(markets + firms x traits); called once per run.
    public func firstNonFiniteSetupValue() -> NonFiniteValue? {
        for (index, market) in world.markets.enumerated() {
            for (field, value) in [("psychicDistance", market.psychicDistance), ("size", market.size),
                                   ("costLevel", market.costLevel), ("costDriftPerYear", market.costDriftPerYear)]
            where !value.isFinite {
                return NonFiniteValue(source: .market, field: field, firm: nil, market: index, step: currentStep, value: value)
            }
        }
        return Self.firstNonFinite(in: writtenTraitColumns, firms: store.firmCount, source: .firmTrait, step: currentStep)
    }

    /// The first non-finite value of the firm state the trajectory table writes, or of the
    /// events' values, or nil. One multiply-add per firm and column when all is finite.
    public func firstNonFiniteStepValue(events: some Sequence<FirmEvent>) -> NonFiniteValue? {
        for event in events where !event.value.isFinite {
            return NonFiniteValue(source: .event, field: "value", firm: Int(event.firm), market: Int(event.market),
                                  step: Int(event.step), value: event.value)
        }
        return Self.firstNonFinite(in: writtenStateColumns, firms: store.firmCount, source: .firmState, step: currentStep)
    }

    /// `x * 0` is 0 for a finite x and NaN otherwise, and a sum of zeros cannot overflow: one
    /// pass per column tells whether it holds a non-finite value; only then is it searched.
    static func firstNonFinite(in columns: [(String, Column<Double>)], firms: Int, source: NonFiniteValue.Source,
                               step: Int) -> NonFiniteValue? {
        for (field, column) in columns {
            var a = 0.0, b = 0.0, c = 0.0, d = 0.0
            var i = 0
            while i + 4 <= firms {
                a += column[i] * 0
                b += column[i + 1] * 0
                c += column[i + 2] * 0
                d += column[i + 3] * 0
                i += 4
            }
            while i < firms {
                a += column[i] * 0
                i += 1
            }
            guard (a + b + c + d).isNaN else { continue }
            for firm in 0..<firms where !column[firm].isFinite {
                return NonFiniteValue(source: source, field: field, firm: firm, market: nil, step: step, value: column[firm])
            }
        }
        return nil
    }
}
