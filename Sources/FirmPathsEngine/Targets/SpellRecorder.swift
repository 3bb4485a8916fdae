import FirmPathsModel

/// Runs a simulation to its end while recording, per firm and market, the calendar years in
/// which the firm served the market and its sales there: the firm-destination-year panel that
/// spell, extensive-margin and concentration measures read. Engine-side, so the model keeps no
/// per-market yearly history of its own.
///
/// A market counts as served in a step when its mode was >= 1 at the start of the step (the
/// firm alive): operations run before decisions in a step, so a market entered in step t is
/// first served in t + 1, and a market left or a firm that dies in step t was still served in t.
/// Sales are the step's sales of the operation (yearly rate / stepsPerYear); in a step in which
/// the market is left the model resets them, so that step's sales are not counted (its year
/// still counts as served).
public enum SpellRecorder {
    /// Simulates the rest of the horizon on the calling thread and returns the spells,
    /// ordered by firm, market and start year.
    /// - Complexity: O(steps x firms x markets).
    public static func run(_ simulation: Simulation) -> [ExportSpell] {
        let store = simulation.store
        let firms = store.firmCount
        let markets = store.marketCount
        let stepsPerYear = max(1, simulation.scenario.stepsPerYear)
        let cells = firms * markets
        var served = [Bool](repeating: false, count: cells)
        var yearSales = [Double](repeating: 0, count: cells)
        var open = [Int](repeating: -1, count: cells)
        var spells: [ExportSpell] = []
        var lastStep = simulation.currentStep
        var servedBefore = [Bool](repeating: false, count: cells)

        func flush(year: Int) {
            for firm in 0..<firms {
                for market in 0..<markets {
                    let cell = firm * markets + market
                    if served[cell] {
                        if open[cell] >= 0 {
                            spells[open[cell]].sales.append(yearSales[cell])
                        } else {
                            open[cell] = spells.count
                            spells.append(ExportSpell(firm: firm, market: market, startYear: year, sales: [yearSales[cell]],
                                                      end: .censored, firmLastYear: year))
                        }
                    } else if open[cell] >= 0 {
                        // Death ends the spell when the firm died in its last year (it served the
                        // market until it died); a firm that left and died later exited first.
                        let diedYear = Int(store.diedStep[firm]) / stepsPerYear
                        let died = !store.alive[firm] && diedYear <= spells[open[cell]].lastYear
                        spells[open[cell]].end = died ? .death : .exit
                        open[cell] = -1
                    }
                    served[cell] = false
                    yearSales[cell] = 0
                }
            }
        }

        while !simulation.isFinished {
            for firm in 0..<firms {
                let alive = store.alive[firm]
                for market in 0..<markets {
                    let cell = firm * markets + market
                    servedBefore[cell] = alive && store.mode[cell] > 0
                }
            }
            simulation.beginStep()
            var events: [FirmEvent] = []
            simulation.advance(firms: 0..<firms, events: &events)
            simulation.endStep(events: [events])
            let step = simulation.currentStep
            for cell in 0..<cells where servedBefore[cell] {
                served[cell] = true
                yearSales[cell] += store.marketSales[cell] / Double(stepsPerYear)
            }
            if (step + 1) % stepsPerYear == 0 || simulation.isFinished {
                flush(year: step / stepsPerYear)
            }
            lastStep = step
        }
        let lastYear = max(0, lastStep) / stepsPerYear
        for index in spells.indices {
            let firm = spells[index].firm
            if open[firm * markets + spells[index].market] == index {
                spells[index].end = store.alive[firm] ? .censored : .death
            }
            spells[index].firmLastYear = store.alive[firm]
                ? lastYear : min(lastYear, Int(store.diedStep[firm]) / stepsPerYear)
        }
        spells.sort { ($0.firm, $0.market, $0.startYear) < ($1.firm, $1.market, $1.startYear) }
        return spells
    }
}
