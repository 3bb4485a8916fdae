@testable import FirmPathsCLI
import FirmPathsIO
import Foundation
import Testing

/// `run --csv-dialect semicolon`: the same values as the comma files, `;`-separated with
/// decimal commas, read back by this tool's reader and by pandas told `sep=";", decimal=","`.
@Suite struct CSVDialectTests {
    static let tables = ["markets.csv", "firms.csv", "trajectories.csv", "events.csv", "exports.csv", "years.csv"]

    @Test func semicolonFilesHoldTheCommaFilesValues() throws {
        let work = RunFixture.temporaryDirectory("dialect")
        defer { try? FileManager.default.removeItem(atPath: work) }
        for (name, dialect) in [("comma", "comma"), ("semicolon", "semicolon")] {
            let captured = Captured()
            let code = FirmPathsCLI.main(["run", RunFixture.defaultScenario, "--set", "population.firms=60", "--set", "years=8",
                                          "--seed", "9", "--record", "years", "--csv-dialect", dialect, "--out", work + "/" + name,
                                          "--threads", "2", "--quiet"], console: captured.console(terminal: false))
            #expect(code == .ok, "\(captured.err)")
        }
        for table in Self.tables {
            let comma = try CSVReader(path: work + "/comma/" + table)
            let semicolon = try CSVReader(path: work + "/semicolon/" + table)
            #expect(comma.separator == UInt8(ascii: ",") && semicolon.separator == UInt8(ascii: ";"))
            #expect(semicolon.header == comma.header)
            let a = try comma.rows(), b = try semicolon.rows()
            #expect(a.count == b.count && a.count > 0, "\(table)")
            var decimalCommas = 0
            for (x, y) in zip(a, b) {
                #expect(x.fields.count == y.fields.count, "\(table) line \(x.line)")
                for (k, (u, v)) in zip(x.fields, y.fields).enumerated() where u != v {
                    // Only numbers differ, by their decimal separator.
                    #expect(Double(u) != nil && v == u.replacingOccurrences(of: ".", with: ","), "\(table) line \(x.line): \(u) vs \(v)")
                    #expect(y.double(k) == x.double(k))
                    decimalCommas += 1
                }
            }
            if table != "events.csv" { #expect(decimalCommas > 0, "\(table)") }
            let text = try String(contentsOfFile: work + "/semicolon/" + table, encoding: .utf8)
            #expect(!text.split(separator: "\n")[0].contains(","))
        }
        // The report and explain read the semicolon directory too.
        #expect(FileManager.default.fileExists(atPath: work + "/semicolon/report.html"))
        let story = Captured()
        #expect(FirmPathsCLI.main(["explain", work + "/semicolon", "--firm", "3"], console: story.console(terminal: false)) == .ok)

        if let python = AnalysisTools.pythonWithPandas {
            let names = Self.tables.map { "'" + $0 + "'" }.joined(separator: ", ")
            let script = """
                import pandas as pd
                for t in [\(names)]:
                    a = pd.read_csv("comma/" + t)
                    b = pd.read_csv("semicolon/" + t, sep=";", decimal=",")
                    pd.testing.assert_frame_equal(a, b)
                print("ok")
                """
            try script.write(toFile: work + "/dialect.py", atomically: true, encoding: .utf8)
            let result = ResultsReadmeTests.shell([python, "dialect.py"], in: work)
            #expect(result.0 == 0 && result.1.contains("ok"), "\(result.1)")
        }
    }

    @Test func unknownDialect() {
        let captured = Captured()
        #expect(FirmPathsCLI.main(["run", RunFixture.defaultScenario, "--csv-dialect", "tab"], console: captured.console(terminal: false)) == .usage)
        #expect(captured.err.contains("comma or semicolon"))
    }

    @Test func conversionQuotesTextWithSemicolonsAndKeepsQuotedText() {
        let rows = Array("a,1.5,x;y,\"p, q.r\",-2e-05,\n".utf8)
        #expect(String(decoding: CSVDialect.semicolon.convert(rows), as: UTF8.self) == "a;1,5;\"x;y\";\"p, q.r\";-2e-05;\n")
        #expect(CSVDialect.standard.convert(rows) == rows)
    }
}
