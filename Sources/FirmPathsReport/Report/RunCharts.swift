/// The charts of one run as SVG strings, from its results in memory: report.html draws these,
/// and so can any other page (the explorer) from a `RunResults`.
public enum RunCharts {
    /// Share of all firms on each path, with counts; colours from `PathStyle`.
    public static func pathShares(_ firms: [FirmRecord], style: ChartStyle = .standard) -> String {
        let total = firms.count
        let bars = PathNames.all.map { name in
            let count = firms.filter { $0.path == name }.count
            let share = total > 0 ? Double(count) / Double(total) : 0
            return BarChart.Bar(label: PathNames.display(name), value: share, annotation: "\(percent(share)) (\(count))",
                                color: PathStyle.of(name).color)
        }
        return BarChart(title: "Share of firms on each path", bars: bars, yLabel: "Share of all firms", yUnit: "%",
                        xLabel: "Path (classified from each firm's whole trajectory)", yIsPercent: true, style: style).svg()
    }

    /// Share of living firms that sell abroad, one line per path, over the run's years.
    public static func exportingOverTime(_ summary: TrajectorySummary, style: ChartStyle = .standard) -> String {
        LineChart(title: "Share of living firms that sell abroad, by path",
                  series: pathLines(summary) { summary.shareExporting(path: $0, year: $1) },
                  xLabel: FirmClock.run.axisLabel, xUnit: "years", yLabel: "Firms exporting", yUnit: "%", yIsPercent: true,
                  yRange: 0...1, style: style).svg()
    }

    /// Mean foreign share of sales, one line per path.
    public static func foreignShareOverTime(_ summary: TrajectorySummary, style: ChartStyle = .standard) -> String {
        LineChart(title: "Mean foreign share of sales, by path",
                  series: pathLines(summary) { summary.meanForeignShare(path: $0, year: $1) },
                  xLabel: FirmClock.run.axisLabel, xUnit: "years", yLabel: "Foreign share of sales", yUnit: "%",
                  yIsPercent: true, yRange: 0...1, style: style).svg()
    }

    /// Johanson-Mattsson quadrants as shares of the living firms over time.
    public static func quadrants(_ summary: TrajectorySummary, style: ChartStyle = .standard) -> String {
        areas("Johanson-Mattsson network quadrant", TrajectorySummary.quadrants, summary.quadrant, summary, style)
    }

    /// Dollinger's stages of export development over time.
    public static func dollingerStages(_ summary: TrajectorySummary, style: ChartStyle = .standard) -> String {
        areas("Dollinger stage", TrajectorySummary.dollingerStages, summary.dollinger, summary, style)
    }

    /// I-model stages over time.
    public static func imodelStages(_ summary: TrajectorySummary, style: ChartStyle = .standard) -> String {
        areas("I-model stage", TrajectorySummary.imodelStages, summary.imodel, summary, style)
    }

    /// A firm's establishment ladder (see `FirmLadder`), on the firm's own clock by default.
    public static func ladder(firm: Int, path: String, events: [EventRecord], stepsPerYear: Int, years: Int,
                              clock: FirmClock = .firmAge, style: ChartStyle = .standard) -> String {
        FirmLadder.chart(title: "Firm \(firm) (\(PathNames.display(path))): establishment mode by market", events: events,
                         stepsPerYear: stepsPerYear, years: years, clock: clock, style: style).svg()
    }

    // MARK: - Shared pieces

    static func percent(_ share: Double) -> String { EventWording.fixed(share * 100, 1) + "%" }

    static func pathLines(_ summary: TrajectorySummary, _ value: (Int, Int) -> Double?) -> [LineSeries] {
        PathNames.all.indices.compactMap { p in
            guard p < summary.alive.count, summary.alive[p].contains(where: { $0 > 0 }) else { return nil }
            return LineSeries(name: PathNames.display(PathNames.all[p]),
                              points: (0..<summary.years).map { LinePoint(x: Double($0), y: value(p, $0)) },
                              color: PathStyle.of(PathNames.all[p]).color)
        }
    }

    static func areas(_ title: String, _ names: [String], _ counts: [[Int]], _ summary: TrajectorySummary,
                      _ style: ChartStyle) -> String {
        StackedAreaChart(title: title, x: (0..<summary.years).map(Double.init),
                         layers: names.enumerated().map { AreaLayer(name: PathNames.display($1), values: counts[$0].map(Double.init)) },
                         scale: .shares, xLabel: FirmClock.run.axisLabel, xUnit: "years",
                         yLabel: "Share of living firms", style: style).svg()
    }
}
