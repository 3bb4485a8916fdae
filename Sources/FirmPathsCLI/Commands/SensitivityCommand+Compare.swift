import FirmPathsEngine
import FirmPathsIO
import Foundation

/// `--compare`: the top 3 of every outcome against an earlier ranking.csv.
extension SensitivityCommand {
    /// One parameter's ranking statistic as read back from a ranking.csv.
    struct RankedParameter: Equatable {
        var path: String
        var muStar: Double
        var confidence: Double
    }

    /// The verdict on one outcome's top 3 in two rankings.
    enum TopThreeVerdict: Equatable {
        case agree(sameOrder: Bool)
        /// The sets differ only by pairs whose mu* are within the 95% interval of their difference in both rankings.
        case tie(pairs: [(String, String)])
        case differ

        static func == (a: TopThreeVerdict, b: TopThreeVerdict) -> Bool {
            switch (a, b) {
            case let (.agree(x), .agree(y)): return x == y
            case let (.tie(x), .tie(y)): return x.map { [$0.0, $0.1] } == y.map { [$0.0, $0.1] }
            case (.differ, .differ): return true
            default: return false
            }
        }
    }

    /// Compares the top 3 of two rankings of one outcome (each ranked by mu*, largest first).
    ///
    /// Parameters in one top 3 and not the other are paired in rank order; a pair (x, y) is a
    /// tie when, in both rankings, |mu*(x) - mu*(y)| <= sqrt(c(x)^2 + c(y)^2), with c the
    /// half-widths of the 95% intervals: the two runs order them differently, but neither run
    /// can tell them apart.
    static func compareTopThree(_ mine: [RankedParameter], _ theirs: [RankedParameter]) -> TopThreeVerdict {
        let a = mine.prefix(3).map(\.path)
        let b = theirs.prefix(3).map(\.path)
        guard a.count == 3, b.count == 3 else { return .differ }
        if Set(a) == Set(b) { return .agree(sameOrder: a == b) }
        let onlyMine = a.filter { !b.contains($0) }
        let onlyTheirs = b.filter { !a.contains($0) }
        func indistinguishable(_ x: String, _ y: String, in ranking: [RankedParameter]) -> Bool {
            guard let p = ranking.first(where: { $0.path == x }), let q = ranking.first(where: { $0.path == y }) else {
                return false
            }
            let width = (p.confidence * p.confidence + q.confidence * q.confidence).squareRoot()
            return abs(p.muStar - q.muStar) <= width
        }
        let pairs = Array(zip(onlyMine, onlyTheirs))
        let tied = pairs.allSatisfy { indistinguishable($0.0, $0.1, in: mine) && indistinguishable($0.0, $0.1, in: theirs) }
        return tied ? .tie(pairs: pairs) : .differ
    }

    /// Reads a ranking.csv written by `--out` (with the project's CSV parser, columns by name):
    /// parameters per outcome in rank order. A file without `mu_star_conf` (written before the
    /// intervals) reads with zero intervals.
    static func readRanking(_ text: String) -> [String: [RankedParameter]] {
        let records = CSVRecordParser.records(in: text)
        guard let header = records.first.map(CSVHeader.init) else { return [:] }
        guard let outcome = header.index(of: "outcome"), let rankColumn = header.index(of: "rank"),
              let parameter = header.index(of: "parameter"), let muStarColumn = header.index(of: "mu_star") else { return [:] }
        let confidenceColumn = header.index(of: "mu_star_conf")
        var rows: [String: [(rank: Int, parameter: RankedParameter)]] = [:]
        for (index, fields) in records.dropFirst().enumerated() {
            let row = CSVRow(fields: fields, line: index + 2)
            guard let rank = row.int(rankColumn), let muStar = row.double(muStarColumn) else { continue }
            let confidence = confidenceColumn.flatMap(row.double) ?? 0
            rows[row[outcome], default: []].append((rank, RankedParameter(path: row[parameter], muStar: muStar,
                                                                           confidence: confidence)))
        }
        return rows.mapValues { $0.sorted { $0.rank < $1.rank }.map(\.parameter) }
    }

    /// Reads the ranking.csv of `--compare` before anything runs, so a missing file (exit 66) or
    /// a file that is not a ranking (exit 65) is refused at once, not after the whole screening.
    static func readComparison(_ path: String) throws(CLIError) -> [String: [RankedParameter]] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(.noInput, "--compare: cannot read '\(path)': \(OutputDirectory.reason(error))")
        }
        let ranking = readRanking(String(decoding: data, as: UTF8.self))
        guard !ranking.isEmpty else {
            throw CLIError(.dataError, "--compare: '\(path)' is not a ranking.csv of `firmpaths sensitivity --out`: it needs "
                + "the columns outcome, rank, parameter and mu_star and at least one row")
        }
        return ranking
    }

    /// Compares the top 3 of every outcome with a ranking.csv written by an earlier run
    /// (read by `readComparison`).
    static func compare(_ results: [(outcome: String, result: MorrisResult)], with other: [String: [RankedParameter]],
                        path: String, console: Console) throws(CLIError) {
        var disagreements: [String] = []
        var agreeing = 0, tied = 0
        var report = "top-3 agreement with \(path):\n"
        for entry in results {
            let mine = entry.result.ranking.map { RankedParameter(path: $0.path, muStar: $0.muStar, confidence: $0.muStarConfidence) }
            let theirs = other[entry.outcome] ?? []
            let names = mine.prefix(3).map(\.path).joined(separator: ", ")
            let otherNames = theirs.prefix(3).map(\.path).joined(separator: ", ")
            switch compareTopThree(mine, theirs) {
            case .agree(let sameOrder):
                agreeing += 1
                report += "  \(entry.outcome): agree (\(sameOrder ? "same order" : "different order")): \(names)\n"
            case .tie(let pairs):
                tied += 1
                report += "  \(entry.outcome): tie at rank 3: \(names) vs \(otherNames); "
                    + pairs.map { pair in
                        "\(pair.0) and \(pair.1) are indistinguishable in both (" + [mine, theirs].map { ranking in
                            ranking.filter { $0.path == pair.0 || $0.path == pair.1 }
                                .map { "\(number($0.muStar)) +- \(number($0.confidence))" }.joined(separator: " vs ")
                        }.joined(separator: "; ") + ")"
                    }.joined(separator: "; ") + "\n"
            case .differ:
                disagreements.append(entry.outcome)
                report += "  \(entry.outcome): DIFFER: \(names) vs \(otherNames)\n"
            }
        }
        report += "same top 3 for \(agreeing) of \(results.count) outcomes, a tie at rank 3 for \(tied), "
            + "a significant difference for \(disagreements.count)\n"
        console.out(report)
        if !disagreements.isEmpty {
            throw CLIError(.failure, "top 3 differ for \(disagreements.joined(separator: ", "))")
        }
    }
}
