import FirmPathsIO
import FirmPathsModel

/// Builds the firm-destination-year panel (`exports.csv`) from what the model exposes after
/// each step: the step's events, the modes and partnerships at the end of the step, and the
/// step's sales per market (`FirmStore.stepSales`).
///
/// A spell of a firm in a market starts with an `enter` event and ends with an `exit` event or
/// the firm's closing (or is still open at the end of the run). Each spell gives one row per
/// year it is open in. The step's sales of a market count for the spell held at the start of
/// the step (the model operates before it decides), except in the step the firm closes in,
/// whose sales trajectories.csv does not show either (its closing row holds zeros): so a firm's
/// sales summed over its rows of a year equal its foreign sales of that year in trajectories.csv.
///
/// Rows of a year are released once its last step is recorded, sorted by firm, market and
/// spell; memory holds the open spells and the current year's closed ones only.
struct ExportPanelRecorder {
    /// A spell's row of the current year, while being accumulated.
    private struct OpenSpell {
        var row: ExportRow
        /// Mode and partnership at the end of the last recorded step (what the next step operates under).
        var mode: Int8
        var partnered: Bool
    }

    private let marketCount: Int
    private let stepsPerYear: Int
    private let dt: Double
    /// Spells started so far per firm and market (firm * J + market).
    private var spellCounts: [Int32]
    /// Index into `open` per firm and market, -1 when no spell is open.
    private var openIndex: [Int32]
    private var open: [OpenSpell] = []
    /// Rows of the current year whose spell already ended.
    private var closed: [ExportRow] = []

    init(firms: Int, markets: Int, stepsPerYear: Int) {
        marketCount = markets
        self.stepsPerYear = max(1, stepsPerYear)
        dt = 1 / Double(max(1, stepsPerYear))
        spellCounts = Array(repeating: 0, count: firms * markets)
        openIndex = Array(repeating: -1, count: firms * markets)
    }

    /// Records the step just simulated.
    /// - Returns: the rows of a year that ended with this step (or with the run), in file
    ///   order; empty otherwise.
    mutating func record(_ simulation: Simulation, events: ArraySlice<FirmEvent>) -> [ExportRow] {
        let store = simulation.store
        let step = simulation.currentStep
        let year = Int32(simulation.clock.year(ofStep: step))
        // 1. The step's sales and mode, for every spell open at its start.
        for index in open.indices {
            let firm = Int(open[index].row.firm)
            let cell = firm * marketCount + Int(open[index].row.market)
            open[index].row.mode = max(open[index].row.mode, open[index].mode)
            if open[index].partnered { open[index].row.partnered = true }
            if Int(store.diedStep[firm]) != step {
                open[index].row.sales += store.stepSales[cell] * dt
            }
        }
        // 2. Exits end spells and entries start them, in event order (a firm may leave a market
        //    and enter it again in one step); every other change is read from the state at the
        //    step's end.
        for event in events where event.market >= 0 && (event.kind == .enter || event.kind == .exit) {
            let cell = Int(event.firm) * marketCount + Int(event.market)
            if event.kind == .exit {
                if openIndex[cell] >= 0 { close(at: Int(openIndex[cell])) }
                continue
            }
            guard openIndex[cell] < 0 else { continue }
            spellCounts[cell] += 1
            openIndex[cell] = Int32(open.count)
            // The mode entered counts even when the firm closes in the same step.
            open.append(OpenSpell(row: ExportRow(firm: event.firm, year: year, market: event.market, mode: event.toMode,
                                                 partnered: false, entered: true, exited: false,
                                                 spell: spellCounts[cell], sales: 0),
                                  mode: 0, partnered: false))
        }
        // 3. Modes at the end of the step; a spell whose mode fell to 0 (exit, closing) ends.
        var index = 0
        while index < open.count {
            let cell = Int(open[index].row.firm) * marketCount + Int(open[index].row.market)
            let mode = store.mode[cell]
            if mode > 0 {
                open[index].mode = mode
                open[index].partnered = store.partnered[cell]
                open[index].row.mode = max(open[index].row.mode, mode)
                if store.partnered[cell] { open[index].row.partnered = true }
                index += 1
            } else {
                close(at: index)
            }
        }
        guard step % stepsPerYear == stepsPerYear - 1 || simulation.isFinished else { return [] }
        // 4. End of the year: its rows, and fresh rows for the spells that go on.
        var rows = closed
        closed.removeAll(keepingCapacity: true)
        rows.reserveCapacity(rows.count + open.count)
        for index in open.indices {
            rows.append(open[index].row)
            open[index].row.year = year + 1
            open[index].row.mode = 0
            open[index].row.partnered = false
            open[index].row.entered = false
            open[index].row.sales = 0
        }
        rows.sort { ($0.firm, $0.market, $0.spell) < ($1.firm, $1.market, $1.spell) }
        return rows
    }

    /// Ends the spell at `index` of `open` in the current step.
    private mutating func close(at index: Int) {
        var row = open[index].row
        row.exited = true
        closed.append(row)
        openIndex[Int(row.firm) * marketCount + Int(row.market)] = -1
        let last = open.count - 1
        if index != last {
            open[index] = open[last]
            let moved = Int(open[index].row.firm) * marketCount + Int(open[index].row.market)
            openIndex[moved] = Int32(index)
        }
        open.removeLast()
    }
}
