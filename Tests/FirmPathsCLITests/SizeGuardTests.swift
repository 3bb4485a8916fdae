import FirmPathsCLI
import FirmPathsEngine
import Foundation
import Testing

/// Runs that would not fit in memory are refused before anything is allocated or created.
@Suite struct SizeGuardTests {
    static func write(_ json: String) -> (file: String, directory: String) {
        let directory = RunFixture.temporaryDirectory("size")
        let file = directory + "/scenario.json"
        _ = FileManager.default.createFile(atPath: file, contents: Data(json.utf8))
        return (file, directory)
    }

    static func main(_ arguments: [String], limit: String? = nil) -> (code: ExitCode, out: String, err: String) {
        let captured = Captured()
        let environment = limit.map { ["FIRMPATHS_MEMORY_LIMIT": $0] } ?? [:]
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false, environment: environment))
        return (code, captured.out, captured.err)
    }

    @Test func fiftyMillionFirmsAreRefusedQuicklyWithTheEstimate() {
        let (file, directory) = Self.write(#"{"name": "huge", "population": {"firms": 50000000}}"#)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out"
        let clock = ContinuousClock()
        let start = clock.now
        // The machine's own memory: 50 million firms need about 280 GB, more than any test machine.
        let result = Self.main(["run", file, "--out", out])
        let elapsed = clock.now - start
        #expect(result.code == .dataError, "exit \(result.code.rawValue): \(result.err)")
        #expect(result.err.contains("this run needs about "), "\(result.err)")
        #expect(result.err.contains("50,000,000 firms x "), "\(result.err)")
        #expect(result.err.contains("the largest population that fits is population.firms = "), "\(result.err)")
        #expect(elapsed < .seconds(2), "took \(elapsed): it must refuse before allocating")
        #expect(!FileManager.default.fileExists(atPath: out))

        let check = Self.main(["check", file])
        #expect(check.code == .dataError)
        #expect(check.err.contains("one run needs about "))
    }

    @Test func theLargestPopulationThatFitsIsAccepted() throws {
        let (file, directory) = Self.write(#"{"population": {"firms": 1000000}, "years": 10}"#)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let refused = Self.main(["check", file], limit: "1G")
        #expect(refused.code == .dataError)
        #expect(refused.err.contains("80 % of FIRMPATHS_MEMORY_LIMIT=1.0 GB is 819 MB"), "\(refused.err)")
        let marker = "population.firms = "
        let range = try #require(refused.err.range(of: marker))
        let digits = refused.err[range.upperBound...].prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
        let largest = try #require(Int(String(digits)))
        #expect(largest > 50_000 && largest < 1_000_000, "\(largest)")
        #expect(Self.main(["check", file, "--set", "population.firms=\(largest)"], limit: "1G").code == .ok)
        #expect(Self.main(["check", file, "--set", "population.firms=\(largest + 1)"], limit: "1G").code == .dataError)
    }

    @Test func sweepsCountOneRunPerThread() {
        let (file, directory) = Self.write("""
        {"population": {"firms": 60000}, "years": 10,
         "sweep": {"parameters": {"policy.exportPromotion": [0, 0.1, 0.2, 0.3]}}}
        """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out"
        // One run of 60,000 firms x 10 years fits in 80 % of 1 GB; four at once do not.
        #expect(Self.main(["check", file], limit: "1G").code == .ok)
        let refused = Self.main(["sweep", file, "--threads", "4", "--out", out, "--quiet"], limit: "1G")
        #expect(refused.code == .dataError, "\(refused.err)")
        #expect(refused.err.contains("x 4 runs at once"), "\(refused.err)")
        #expect(refused.err.contains("(or use fewer --threads)"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func sweptPopulationsAreCheckedAtTheirLargestPoint() {
        let (file, directory) = Self.write("""
        {"population": {"firms": 50}, "years": 5,
         "sweep": {"parameters": {"population.firms": [50, 100, 40000000]}}}
        """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out"
        let refused = Self.main(["sweep", file, "--threads", "1", "--out", out, "--quiet"])
        #expect(refused.code == .dataError, "\(refused.err)")
        #expect(refused.err.contains("40,000,000 firms"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func absurdHorizonsAndWorldsAreRefusedNotTrapped() {
        let horizon = Self.main(["run", "default", "--set", "years=9007199254740992", "--out", "/nonexistent/never"])
        #expect(horizon.code == .dataError)
        #expect(horizon.err.contains("years: expected at most 10000 years, found 9007199254740992"), "\(horizon.err)")
        // 2^53 itself is no longer a count (a double cannot tell it from 2^53 + 1) ...
        let exact = Self.main(["run", "default", "--set", "model.network.partnersPerFirm=9007199254740992", "--out", "/nonexistent/never"])
        #expect(exact.code == .dataError)
        #expect(exact.err.contains("partnersPerFirm: expected a whole number >= 0 and below 2^53 = 9007199254740992 "
            + "(a double holds every whole number only up to there), found 9007199254740992"), "\(exact.err)")
        // ... but 2^52 partners per firm is, and the memory guard refuses it rather than trapping.
        for setting in ["model.network.partnersPerFirm=4503599627370496"] {
            let result = Self.main(["run", "default", "--set", setting, "--out", "/nonexistent/never"])
            #expect(result.code == .dataError, "\(setting): \(result.err)")
            #expect(result.err.contains("not even one firm fits: reduce markets, years or partners per firm"), "\(setting): \(result.err)")
        }
    }

    @Test func memoryLimitParsing() {
        #expect(MemoryGuard.parseBytes("512M") == Double(512 * 1024 * 1024))
        #expect(MemoryGuard.parseBytes("16g") == Double(16 * 1024 * 1024 * 1024))
        #expect(MemoryGuard.parseBytes("2000") == Double(2000))
        #expect(MemoryGuard.parseBytes("lots") == nil)
        #expect(MemoryGuard.parseBytes("-1G") == nil)
        let result = Self.main(["check", "default"], limit: "lots")
        #expect(result.code == .usage)
        #expect(result.err.contains("FIRMPATHS_MEMORY_LIMIT expects a size"))
    }
}
