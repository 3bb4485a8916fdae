import Foundation
import FirmPathsIO
import Testing

/// The examples in Results/README.md run as written on a run's files.
@Suite struct ResultsReadmeTests {
    static var readme: String {
        (try? String(contentsOfFile: RunFixture.packageRoot + "/Results/README.md", encoding: .utf8)) ?? ""
    }

    /// The first fenced block of `language` in the README.
    static func codeBlock(_ language: String) -> String? {
        let parts = readme.components(separatedBy: "```" + language + "\n")
        guard parts.count > 1, let body = parts[1].components(separatedBy: "```").first else { return nil }
        return body
    }

    /// Runs a command and returns its status and combined output.
    static func shell(_ arguments: [String], in directory: String, environment: [String: String] = [:]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func examplesAreFiveLinesEach() throws {
        let python = try #require(Self.codeBlock("python"))
        let r = try #require(Self.codeBlock("r"))
        #expect(python.split(separator: "\n").count == 5)
        #expect(r.split(separator: "\n").count == 5)
    }

    static let pythonWithPandas = shell(["python3", "-c", "import pandas, matplotlib"], in: NSTemporaryDirectory()).0 == 0

    @Test(.enabled(if: pythonWithPandas, "skipped: python3 with pandas and matplotlib is not installed"))
    func pythonExampleRunsOnARun() throws {
        let work = RunFixture.temporaryDirectory("readme")
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = try RunFixture.run(firms: 60, into: work + "/Results/default")
        let script = try #require(Self.codeBlock("python"))
        try script.write(toFile: work + "/example.py", atomically: true, encoding: .utf8)
        let result = Self.shell(["python3", "example.py"], in: work, environment: ["MPLBACKEND": "Agg"])
        #expect(result.0 == 0, "\(result.1)")
        let size = (try? FileManager.default.attributesOfItem(atPath: work + "/exporting_by_path.png")[.size] as? Int) ?? 0
        #expect(size > 1000, "no plot written")
    }

    static let rWithGgplot = shell(["Rscript", "-e", "library(ggplot2)"], in: NSTemporaryDirectory()).0 == 0

    @Test(.enabled(if: rWithGgplot, "skipped: Rscript with ggplot2 is not installed"))
    func rExampleRunsOnARun() throws {
        let work = RunFixture.temporaryDirectory("readme-r")
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = try RunFixture.run(firms: 60, into: work + "/Results/default")
        let script = try #require(Self.codeBlock("r"))
        try script.write(toFile: work + "/example.R", atomically: true, encoding: .utf8)
        let result = Self.shell(["Rscript", "example.R"], in: work)
        #expect(result.0 == 0, "\(result.1)")
        let size = (try? FileManager.default.attributesOfItem(atPath: work + "/exporting_by_path.png")[.size] as? Int) ?? 0
        #expect(size > 1000, "no plot written")
    }
}

/// The exports.csv example of Results/README.md, against the same figures computed here.
@Suite struct ExportsExampleTests {
    @Test(.enabled(if: AnalysisTools.hasPandas, "skipped: no python3 with pandas (scripts/install-analysis-tools.sh installs it)"))
    func pythonExampleGivesTheKaplanMeierMedianAndExportersPerMarket() throws {
        let work = RunFixture.temporaryDirectory("readme-exports")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let run = try RunFixture.run(firms: 150, into: work + "/Results/default")
        let script = try #require(ResultsReadmeTests.codeBlock("python exports"))
        try script.write(toFile: work + "/exports.py", atomically: true, encoding: .utf8)
        let python = try #require(AnalysisTools.pythonWithPandas)
        let result = ResultsReadmeTests.shell([python, "exports.py"], in: work)
        #expect(result.0 == 0, "\(result.1)")

        // Kaplan-Meier computed independently: spells from exports.csv, product-limit estimate.
        let exports = try CSVReader(path: run + "/exports.csv")
        let (firm, year, market, spell, exited, sales) = (try exports.column("firm"), try exports.column("year"),
                                                          try exports.column("market"), try exports.column("spell"),
                                                          try exports.column("exited"), try exports.column("sales"))
        var years: [String: Set<Int>] = [:]
        var ended: [String: Bool] = [:]
        var exporters: [String: Set<Int>] = [:]
        for row in try exports.rows() {
            let key = "\(row[firm])/\(row[market])/\(row[spell])"
            years[key, default: []].insert(row.int(year) ?? -1)
            ended[key] = (ended[key] ?? false) || row.int(exited) == 1
            if (row.double(sales) ?? 0) > 0 { exporters[row[market], default: []].insert(row.int(firm) ?? -1) }
        }
        let durations = years.map { (duration: $0.value.count, ended: ended[$0.key] ?? false) }
        var survival = 1.0
        var median: Int?
        for t in Set(durations.map(\.duration)).sorted() {
            let atRisk = durations.filter { $0.duration >= t }.count
            let endings = durations.filter { $0.duration == t && $0.ended }.count
            survival *= 1 - Double(endings) / Double(atRisk)
            if survival <= 0.5 && median == nil { median = t }
        }
        let printed = result.1.split(separator: "\n").first { $0.hasPrefix("Kaplan-Meier median spell duration (years):") }
        let expectedMedian = median.map(String.init) ?? "nan"
        #expect(printed?.split(separator: " ").last.map(String.init) == expectedMedian, "\(result.1)")

        // One line per market of markets.csv, with its exporter count.
        let markets = try CSVReader(path: run + "/markets.csv")
        let name = try markets.column("market")
        for row in try markets.rows() {
            let count = exporters[row[name]]?.count ?? 0
            let line = result.1.split(separator: "\n").first { $0.hasPrefix(row[name] + " ") }
            #expect(line?.split(separator: " ").last.map(String.init) == "\(count).0", "\(row[name]): \(line ?? "no line")")
        }
        #expect(result.1.contains("correlation of exporters with market size:"))
    }
}
