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
        /// `firm * J + market`.
        var cell: Int
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
    /// Sort keys of a year's rows (reused).
    private var keys: [UInt64] = []

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
        let stepSales = store.stepSales, modes = store.mode, partnered = store.partnered, diedStep = store.diedStep
        let dt = dt
        // 1. The step's sales and mode, for every spell open at its start.
        open.withUnsafeMutableBufferPointer { spells in
            for index in spells.indices {
                let firm = Int(spells[index].row.firm)
                let cell = spells[index].cell
                spells[index].row.mode = max(spells[index].row.mode, spells[index].mode)
                if spells[index].partnered { spells[index].row.partnered = true }
                if Int(diedStep[firm]) != step {
                    spells[index].row.sales += stepSales[cell] * dt
                }
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
                                  cell: cell, mode: 0, partnered: false))
        }
        // 3. Modes at the end of the step; a spell whose mode fell to 0 (exit, closing) ends.
        //    The spells that go on keep their order in `open` (the rows are sorted at the year's end).
        var kept = 0
        open.withUnsafeMutableBufferPointer { spells in
            openIndex.withUnsafeMutableBufferPointer { openIndex in
                for index in spells.indices {
                    let cell = spells[index].cell
                    let mode = modes[cell]
                    guard mode > 0 else {
                        var row = spells[index].row
                        row.exited = true
                        closed.append(row)
                        openIndex[cell] = -1
                        continue
                    }
                    spells[index].mode = mode
                    spells[index].partnered = partnered[cell]
                    spells[index].row.mode = max(spells[index].row.mode, mode)
                    if partnered[cell] { spells[index].row.partnered = true }
                    if kept != index {
                        spells[kept] = spells[index]
                        openIndex[cell] = Int32(kept)
                    }
                    kept += 1
                }
            }
        }
        open.removeLast(open.count - kept)
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
        sortInFileOrder(&rows)
        // The spells that go on, in cell order: the next year's steps then read the model's
        // firm-market columns in memory order (entries of the year are appended after them).
        open.sort { $0.cell < $1.cell }
        for index in open.indices { openIndex[open[index].cell] = Int32(index) }
        return rows
    }

    /// Sorts a year's rows by firm, market and spell (each row is one spell's: the keys are
    /// distinct). Through packed integer keys where they fit in 64 bits, as they do for any
    /// realistic run; by comparing the fields otherwise. Either gives the same order.
    private mutating func sortInFileOrder(_ rows: inout [ExportRow]) {
        func bits(_ value: Int) -> Int { value <= 0 ? 0 : Int.bitWidth - value.leadingZeroBitCount }
        var maxFirm = 0, maxSpell = 0, valid = true
        for row in rows {
            maxFirm = max(maxFirm, Int(row.firm))
            maxSpell = max(maxSpell, Int(row.spell))
            if row.firm < 0 || row.market < 0 || Int(row.market) >= marketCount || row.spell < 0 { valid = false }
        }
        let spellBits = bits(maxSpell), marketBits = bits(marketCount), indexBits = bits(rows.count)
        guard valid, bits(maxFirm) + marketBits + spellBits + indexBits <= 64 else {
            rows.sort { ($0.firm, $0.market, $0.spell) < ($1.firm, $1.market, $1.spell) }
            return
        }
        keys.removeAll(keepingCapacity: true)
        keys.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            var key = UInt64(row.firm)
            key = key << UInt64(marketBits) | UInt64(row.market)
            key = key << UInt64(spellBits) | UInt64(row.spell)
            keys.append(key << UInt64(indexBits) | UInt64(index))
        }
        keys.sort()
        let mask: UInt64 = indexBits == 0 ? 0 : (UInt64.max >> UInt64(64 - indexBits))
        rows = keys.map { rows[Int($0 & mask)] }
    }

    /// Ends the spell at `index` of `open` in the current step.
    private mutating func close(at index: Int) {
        var row = open[index].row
        row.exited = true
        closed.append(row)
        openIndex[open[index].cell] = -1
        let last = open.count - 1
        if index != last {
            open[index] = open[last]
            openIndex[open[index].cell] = Int32(index)
        }
        open.removeLast()
    }
}
