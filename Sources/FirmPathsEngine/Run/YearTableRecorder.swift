import FirmPathsIO
import FirmPathsModel

/// Builds `years.csv`, one row per firm and calendar year it existed in, from the state after
/// each step: the yearly table for spreadsheets (a default run has 30,000 rows; the step table
/// has four times as many).
///
/// A year's figures: `revenue` and `foreign_sales` are the year's sales (thousand EUR, the
/// steps' yearly rates x 1 / stepsPerYear, as trajectories.csv gives them); `max_mode` the
/// deepest mode at a step's end; `markets_active`, `alive` and `cash` at the year's last step
/// (or the firm's closing step). Paths are known at the end of the run, so rows are written then.
struct YearTableRecorder {
    private let years: Int
    private let stepsPerYear: Int
    private let dt: Double
    private var revenue: [Double]
    private var foreign: [Double]
    private var cash: [Double]
    private var maxMode: [Int8]
    private var markets: [Int16]
    /// 0: the firm did not exist in the year; 1: alive at its end; 2: closed in it.
    private var status: [UInt8]

    init(firms: Int, years: Int, stepsPerYear: Int) {
        self.years = max(1, years)
        self.stepsPerYear = max(1, stepsPerYear)
        dt = 1 / Double(max(1, stepsPerYear))
        let cells = firms * self.years
        revenue = Array(repeating: 0, count: cells)
        foreign = Array(repeating: 0, count: cells)
        cash = Array(repeating: 0, count: cells)
        maxMode = Array(repeating: 0, count: cells)
        markets = Array(repeating: 0, count: cells)
        status = Array(repeating: 0, count: cells)
    }

    /// The first value of revenue, foreign sales or cash that is not finite (sums of finite
    /// steps can still overflow), for `FiniteOutputCheck`.
    func firstNonFinite() -> (column: String, firm: Int, year: Int, value: Double)? {
        for (column, values) in [("revenue", revenue), ("foreign_sales", foreign), ("cash", cash)] {
            guard let cell = values.firstIndex(where: { !$0.isFinite }) else { continue }
            return (column, cell / years, cell % years, values[cell])
        }
        return nil
    }

    /// Records the step just simulated.
    mutating func record(_ simulation: Simulation) {
        let store = simulation.store
        let step = simulation.currentStep
        let year = simulation.clock.year(ofStep: step)
        guard year < years else { return }
        for firm in 0..<store.firmCount {
            guard Int(store.foundedStep[firm]) <= step else { continue }
            let died = Int(store.diedStep[firm])
            if died >= 0 && died < step { continue }
            let cell = firm * years + year
            if store.alive[firm] {
                revenue[cell] += store.revenue[firm] * dt
                foreign[cell] += store.revenue[firm] * store.foreignShare[firm] * dt
                maxMode[cell] = max(maxMode[cell], store.maxMode[firm])
                markets[cell] = store.marketsActive[firm]
                status[cell] = 1
            } else {
                markets[cell] = 0
                status[cell] = 2
            }
            cash[cell] = store.cash[firm]
        }
    }

    /// The rows, firm by firm and year by year.
    func appendRows(of simulation: Simulation, outcomes: some Sequence<FirmOutcome>, run: Int, into buffer: inout CSVBuffer) {
        let store = simulation.store
        let paths = CSVFieldTable(texts: (0..<256).map { TrajectoryPath(rawValue: UInt8($0))?.description ?? "" })
        for outcome in outcomes {
            let firm = outcome.firm
            let foundedYear = simulation.clock.year(ofStep: Int(store.foundedStep[firm]))
            let path = Int(outcome.classification.path.rawValue)
            for year in 0..<years {
                let cell = firm * years + year
                guard status[cell] != 0 else { continue }
                buffer.appendRow { row in
                    row.field(run)
                    row.field(firm)
                    row.field(year)
                    row.field(year - foundedYear)
                    row.field(paths, path)
                    row.field(status[cell] == 1 ? 1 : 0)
                    row.field(revenue[cell], fractionDigits: 3)
                    row.field(foreign[cell], fractionDigits: 3)
                    row.field(revenue[cell] > 0 ? foreign[cell] / revenue[cell] : 0, fractionDigits: 6)
                    row.field(Int(markets[cell]))
                    row.field(Int(maxMode[cell]))
                    row.field(cash[cell], fractionDigits: 3)
                }
            }
        }
    }

    static let header = [
        "run", "firm", "year", "age", "path", "alive", "revenue", "foreign_sales", "foreign_share", "markets_active",
        "max_mode", "cash",
    ]
}
