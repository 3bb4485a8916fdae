import FirmPathsIO

/// Picks a typical firm of a path to show as an example, deterministically: the firm with
/// the most events among those at or below the path's 75th percentile of event counts
/// (busy enough to show something, not an outlier); ties go to the lowest firm id.
public enum ExampleFirms {
    /// - Parameter candidates: the firms of one path with their number of events.
    public static func choose(_ candidates: [(firm: Int, events: Int)]) -> Int? {
        guard !candidates.isEmpty else { return nil }
        let counts = candidates.map(\.events).sorted()
        let p75 = counts[Int((0.75 * Double(counts.count - 1)).rounded(.down))]
        let eligible = candidates.filter { $0.events <= p75 }
        return eligible.min { a, b in a.events != b.events ? a.events > b.events : a.firm < b.firm }?.firm
    }

    /// The example firm of each path present in `firms` (keyed by path name), counting each
    /// firm's events in `eventCounts`.
    public static func choose(firms: [FirmRecord], eventCounts: [FirmKey: Int], run: Int) -> [String: Int] {
        var byPath: [String: [(firm: Int, events: Int)]] = [:]
        for record in firms where record.run == run {
            byPath[record.path, default: []].append((record.firm, eventCounts[FirmKey(run: run, firm: record.firm)] ?? 0))
        }
        var result: [String: Int] = [:]
        for (path, candidates) in byPath { result[path] = choose(candidates) }
        return result
    }
}

/// Whose clock a firm's chart or story keeps: the run's (years since the run started) or the
/// firm's own (years since its founding: its age).
public enum FirmClock: Sendable, Equatable {
    case run
    case firmAge

    /// The axis label of a chart on this clock.
    public var axisLabel: String {
        switch self {
        case .run: "Time since the start of the run"
        case .firmAge: "Firm age (time since founding)"
        }
    }
}

/// A firm's establishment ladder drawn from its `events.csv` rows.
public enum FirmLadder {
    /// Lanes for the markets the firm touched, closest first, with events marked and the
    /// founding and closing of the firm drawn as marked lines.
    /// - Parameter clock: `.firmAge` puts 0 at the founding (the firm's `founded` event).
    public static func chart(title: String, events: [EventRecord], stepsPerYear: Int, years: Int,
                             clock: FirmClock = .run, style: ChartStyle = .standard) -> LadderChart {
        let perYear = Double(max(1, stepsPerYear))
        let foundedStep = events.first(where: { $0.event == "founded" })?.step
        let origin = clock == .firmAge ? Double(foundedStep ?? 0) / perYear : 0
        func time(_ step: Int) -> Double { Double(step) / perYear - origin }
        var markets: [(name: String, distance: Double, first: Int)] = []
        for e in events where !e.market.isEmpty && !markets.contains(where: { $0.name == e.market }) {
            markets.append((e.market, e.psychicDistance ?? 1, e.step))
        }
        markets.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.name < b.name }
        var lanes: [LadderLane] = markets.map {
            LadderLane(label: "\($0.name) (PD \(EventWording.fixed($0.distance, 2)))", changes: [])
        }
        var marks: [LadderEvent] = []
        let died = events.first(where: { $0.event == "died" })
        // A firm that closes holds no operation afterwards.
        if let died {
            for i in lanes.indices { lanes[i].changes.append(ModeChange(time: time(died.step), mode: 0)) }
        }
        let when = clock == .firmAge ? "age" : "year"
        for e in events where !e.market.isEmpty {
            guard let lane = markets.firstIndex(where: { $0.name == e.market }) else { continue }
            let t = time(e.step)
            let kind: LadderEventKind?
            switch e.event {
            case "enter": kind = .enter
            case "upgrade": kind = .upgrade
            case "downgrade": kind = .downgrade
            case "exit": kind = .exit
            case "backsource": kind = .backsource
            case "surprise": kind = .surprise
            case "opportunism": kind = .opportunism
            default: kind = nil
            }
            guard let kind else { continue }
            if [.enter, .upgrade, .downgrade, .exit, .backsource].contains(kind) {
                lanes[lane].changes.append(ModeChange(time: t, mode: e.toMode))
            }
            marks.append(LadderEvent(time: t, lane: lane, kind: kind,
                                     text: "\(when) \(EventWording.fixed(t, 2)): " + EventWording.sentence(e)))
        }
        return LadderChart(title: title, lanes: lanes, events: marks, timeRange: 0...max(1, Double(max(1, years)) - origin),
                           xLabel: clock.axisLabel, xUnit: "years",
                           founded: foundedStep.map(time), died: died.map { time($0.step) }, style: style)
    }

    /// The ladder's event tooltips as plain lines, for print (which cannot hover).
    public static func notes(_ chart: LadderChart) -> [String] {
        chart.events.sorted { $0.time != $1.time ? $0.time < $1.time : $0.lane < $1.lane }.map { e in
            let lane = e.lane < chart.lanes.count ? chart.lanes[e.lane].label : ""
            return "\(e.kind.displayName), \(lane): \(e.text)"
        }
    }
}
