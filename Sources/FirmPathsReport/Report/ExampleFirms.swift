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

/// A firm's establishment ladder drawn from its `events.csv` rows.
public enum FirmLadder {
    /// Lanes for the markets the firm touched, closest first, with events marked.
    public static func chart(title: String, events: [EventRecord], stepsPerYear: Int, years: Int) -> LadderChart {
        let perYear = Double(max(1, stepsPerYear))
        var markets: [(name: String, distance: Double, first: Int)] = []
        for e in events where !e.market.isEmpty && !markets.contains(where: { $0.name == e.market }) {
            markets.append((e.market, e.psychicDistance ?? 1, e.step))
        }
        markets.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.name < b.name }
        var lanes: [LadderLane] = markets.map {
            LadderLane(label: "\($0.name) (PD \(EventWording.fixed($0.distance, 2)))", changes: [])
        }
        var marks: [LadderEvent] = []
        // A firm that closes holds no operation afterwards.
        if let died = events.first(where: { $0.event == "died" }) {
            for i in lanes.indices { lanes[i].changes.append(ModeChange(time: Double(died.step) / perYear, mode: 0)) }
        }
        for e in events where !e.market.isEmpty {
            guard let lane = markets.firstIndex(where: { $0.name == e.market }) else { continue }
            let time = Double(e.step) / perYear
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
                lanes[lane].changes.append(ModeChange(time: time, mode: e.toMode))
            }
            marks.append(LadderEvent(time: time, lane: lane, kind: kind,
                                     text: "year \(EventWording.fixed(time, 2)): " + EventWording.sentence(e)))
        }
        return LadderChart(title: title, lanes: lanes, events: marks, timeRange: 0...Double(max(1, years)),
                           xLabel: "Time since the start of the run", xUnit: "years")
    }
}
