/// Run-level measures on spells, markets and deep entries (see `Measure` for their definitions).
/// Each returns NaN when its population is empty.
enum RunMeasures {
    /// Spells that started after the run's first year: the first year's spells may have begun
    /// before observation (left-censored), as customs panels drop them too.
    static func newSpells(_ run: TargetRun) -> [ExportSpell] {
        run.spells.filter { $0.startYear > 0 }
    }

    static func deepEntriesPrecededByExport(_ run: TargetRun) -> Double {
        guard !run.deepEntries.isEmpty else { return .nan }
        return Double(run.deepEntries.filter(\.precededByExport).count) / Double(run.deepEntries.count)
    }

    static func medianExportYearsBeforeDeep(_ run: TargetRun) -> Double {
        let years = run.deepEntries.compactMap { entry in
            entry.firstExportStep.map { Double(entry.step - $0) / Double(max(1, run.stepsPerYear)) }
        }
        return Measure.median(years)
    }

    /// Kaplan-Meier estimate of the median spell length: the smallest length t at which the
    /// survival S(t) = prod over u <= t of (1 - ended at u / at risk at u) falls to 0.5 or below;
    /// NaN when it never does.
    static func kaplanMeierMedian(_ spells: [ExportSpell]) -> Double {
        guard !spells.isEmpty else { return .nan }
        let longest = spells.map(\.years).max() ?? 0
        var survival = 1.0
        for length in 1...max(1, longest) {
            let atRisk = spells.filter { $0.years >= length }.count
            let ended = spells.filter { $0.years == length && $0.ended }.count
            guard atRisk > 0 else { break }
            survival *= 1 - Double(ended) / Double(atRisk)
            if survival <= 0.5 { return Double(length) }
        }
        return .nan
    }

    /// Pooled exit hazard over `tenures`: spells ending in year t of their life over spells at
    /// risk in year t (served in year t and not censored in it), summed over t.
    static func hazard(_ spells: [ExportSpell], tenures: ClosedRange<Int>) -> Double {
        var atRisk = 0
        var ended = 0
        for spell in spells {
            for tenure in tenures where spell.years >= tenure {
                if spell.years == tenure && !spell.ended { continue }
                atRisk += 1
                if spell.years == tenure { ended += 1 }
            }
        }
        return atRisk > 0 ? Double(ended) / Double(atRisk) : .nan
    }

    static func salesGrowth(_ spells: [ExportSpell], tenure: Int) -> Double {
        let survivors = spells.filter { $0.years > tenure }
        guard !survivors.isEmpty else { return .nan }
        let first = survivors.reduce(0) { $0 + $1.sales[0] } / Double(survivors.count)
        let later = survivors.reduce(0) { $0 + $1.sales[tenure - 1] } / Double(survivors.count)
        return first > 0 ? later / first : .nan
    }

    static func reentryShare(_ run: TargetRun, withinYears window: Int) -> Double {
        var observed = 0
        var reentered = 0
        // Spells are kept ordered by firm, market and start, so the next spell of the same pair follows.
        let spells = run.spells.sorted { ($0.firm, $0.market, $0.startYear) < ($1.firm, $1.market, $1.startYear) }
        for (index, spell) in spells.enumerated() where spell.end == .exit && spell.lastYear + window <= spell.firmLastYear {
            observed += 1
            if index + 1 < spells.count {
                let next = spells[index + 1]
                if next.firm == spell.firm && next.market == spell.market && next.startYear <= spell.lastYear + window {
                    reentered += 1
                }
            }
        }
        return observed > 0 ? Double(reentered) / Double(observed) : .nan
    }

    /// Mean yearly number of firms serving each market.
    static func exportersPerMarket(_ run: TargetRun) -> [Double] {
        var firmYears = [Double](repeating: 0, count: run.markets.count)
        for spell in run.spells where spell.market >= 0 && spell.market < firmYears.count {
            firmYears[spell.market] += Double(spell.years)
        }
        let years = Double(max(1, run.years))
        return firmYears.map { $0 / years }
    }

    static func exportersMarketCorrelation(_ run: TargetRun, variable: Measure.MarketVariable) -> Double {
        guard run.markets.count >= 3 else { return .nan }
        let counts = exportersPerMarket(run)
        let values = run.markets.map { variable == .size ? $0.size : $0.psychicDistance }
        return spearman(counts, values) ?? .nan
    }

    /// Per firm serving a market in the run's last year: (markets served, export sales that year).
    static func lastYearExporters(_ run: TargetRun) -> [Int: (markets: Int, sales: Double)] {
        let year = run.years - 1
        var exporters: [Int: (markets: Int, sales: Double)] = [:]
        for spell in run.spells where spell.startYear <= year && spell.lastYear >= year {
            let current = exporters[spell.firm] ?? (0, 0)
            exporters[spell.firm] = (current.markets + 1, current.sales + spell.sales[year - spell.startYear])
        }
        return exporters
    }

    static func exportersWithMarkets(_ run: TargetRun, minMarkets: Int, maxMarkets: Int) -> Double {
        let exporters = lastYearExporters(run)
        guard !exporters.isEmpty else { return .nan }
        let hits = exporters.values.filter { $0.markets >= minMarkets && $0.markets <= maxMarkets }.count
        return Double(hits) / Double(exporters.count)
    }

    /// The top ceil(fraction x n) of the n firms with positive export sales in the last year.
    static func topExporterShare(_ run: TargetRun, fraction: Double) -> Double {
        let sales = lastYearExporters(run).values.map(\.sales).filter { $0 > 0 }.sorted(by: >)
        let total = sales.reduce(0, +)
        guard !sales.isEmpty, total > 0 else { return .nan }
        let top = min(sales.count, max(1, Int((fraction * Double(sales.count)).rounded(.up))))
        return sales.prefix(top).reduce(0, +) / total
    }

    /// Spearman rank correlation (average ranks for ties); nil when either side is constant.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let rx = TargetRun.averageRanks(x)
        let ry = TargetRun.averageRanks(y)
        let n = Double(x.count)
        let mx = rx.reduce(0, +) / n
        let my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in rx.indices {
            sxy += (rx[k] - mx) * (ry[k] - my)
            sxx += (rx[k] - mx) * (rx[k] - mx)
            syy += (ry[k] - my) * (ry[k] - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
