import Foundation
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
