import Foundation
import Testing
@testable import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel

/// Small scenarios and throwaway directories for sweep tests.
enum SweepFixture {
    /// 60 firms for 8 years: big enough for every table to have rows, small enough for debug builds.
    static func scenario(sweep: String?, extra: String = "") -> String {
        var text = #"{"name":"sweep-test","years":8,"population":{"firms":60}"# + extra
        if let sweep { text += #","sweep":"# + sweep }
        return text + "}"
    }

    /// 2 x 3 grid x 2 replications = 12 runs.
    static let gridSweep = #"""
        {"design":"grid","parameters":{"policy.exportPromotion":[0,0.4],
         "policy.capacityBuilding":{"from":0,"to":0.4,"step":0.2}},"replications":2,"seed":7}
        """#

    static func load(_ text: String, overrides: [String] = []) throws -> LoadedScenario {
        var loaded = try ScenarioLoader.load(bytes: Array(text.utf8), file: "test.json")
        if !overrides.isEmpty { loaded = try ScenarioLoader.apply(overrides: overrides, to: loaded) }
        return loaded
    }

    static func prepare(_ text: String, overrides: [String] = []) throws -> PreparedSweep {
        try PreparedSweep.prepare(try load(text, overrides: overrides), file: "test.json", threads: 2)
    }

    static func temporaryDirectory(_ label: String) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("firmpaths-\(label)-\(UUID().uuidString)").path
        return path
    }

    static func remove(_ paths: String...) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    static func contents(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            result[name] = FileManager.default.contents(atPath: directory + "/" + name)
        }
        return result
    }

    /// Expects two directories to hold the same file names with byte-identical contents.
    static func expectIdentical(_ lhs: String, _ rhs: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = contents(lhs)
        let b = contents(rhs)
        #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
        for name in a.keys.sorted() {
            #expect(a[name] == b[name], "\(name) differs", sourceLocation: sourceLocation)
        }
    }

    static func lines(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}

@Suite struct SweepRunnerTests {
    @Test func outputIsIdenticalForOneTwoAndSevenThreads() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        var directories: [String] = []
        defer { for directory in directories { SweepFixture.remove(directory) } }
        for threads in [1, 2, 7] {
            let directory = SweepFixture.temporaryDirectory("threads\(threads)")
            directories.append(directory)
            let result = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, threads: threads, record: .all))
            #expect(result.isComplete && !result.interrupted && result.completed == 12)
        }
        #expect(SweepFixture.contents(directories[0]).keys.sorted()
            == ["events.csv", "exports.csv", "firms.csv", "manifest.json", "markets.csv", "runs.csv", "trajectories.csv",
                "years.csv"])
        #expect(SweepFixture.lines(directories[0] + "/runs.csv").count == 13)
        SweepFixture.expectIdentical(directories[0], directories[1])
        SweepFixture.expectIdentical(directories[0], directories[2])
    }

    @Test func mergedShardsEqualTheUnshardedSweep() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let whole = SweepFixture.temporaryDirectory("whole")
        let merged = SweepFixture.temporaryDirectory("merged")
        let shards = (0..<3).map { SweepFixture.temporaryDirectory("shard\($0)") }
        defer { for path in [whole, merged] + shards { SweepFixture.remove(path) } }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: whole, threads: 2, record: .all))
        for (index, directory) in shards.enumerated() {
            let result = try SweepRunner.execute(sweep, options: SweepOptions(
                directory: directory, threads: 2, record: .all, shard: try ShardSpec(index: index, count: 3)))
            #expect(result.runs == 4 && result.isComplete)
        }
        // Directory order on the command line does not matter.
        let result = try SweepMerge.merge(shards: [shards[2], shards[0], shards[1]], into: merged, overwrite: false)
        #expect(result == SweepMergeResult(shards: 3, runs: 12,
                                           files: ["markets.csv", "runs.csv", "firms.csv", "trajectories.csv", "events.csv",
                                                   "exports.csv", "years.csv"]))
        SweepFixture.expectIdentical(whole, merged)
    }

    @Test func mergeRefusesMissingDuplicateOrForeignShards() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let other = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep),
                                             overrides: ["policy.clusterProgramme=0.5"])
        let shards = (0..<2).map { SweepFixture.temporaryDirectory("mshard\($0)") }
        let foreign = SweepFixture.temporaryDirectory("foreign")
        let out = SweepFixture.temporaryDirectory("mout")
        defer { for path in shards + [foreign, out] { SweepFixture.remove(path) } }
        for (index, directory) in shards.enumerated() {
            _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, shard: try ShardSpec(index: index, count: 2)))
        }
        _ = try SweepRunner.execute(other, options: SweepOptions(directory: foreign, shard: try ShardSpec(index: 1, count: 2)))

        #expect(throws: EngineError.invalidInput("missing shard 1/2")) {
            try SweepMerge.merge(shards: [shards[0]], into: out, overwrite: false)
        }
        #expect(throws: EngineError.self) { try SweepMerge.merge(shards: [shards[0], shards[0]], into: out, overwrite: false) }
        do {
            _ = try SweepMerge.merge(shards: [shards[0], foreign], into: out, overwrite: false)
            Issue.record("merging shards of different scenarios succeeded")
        } catch {
            #expect(error.description.contains("scenario"))
        }
    }

    @Test func resumeAfterStopEndsIdentical() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reference = SweepFixture.temporaryDirectory("ref")
        let resumed = SweepFixture.temporaryDirectory("resumed")
        defer { SweepFixture.remove(reference, resumed) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: reference, threads: 1, record: .all))

        // Stop after 5 runs, with a checkpoint after every run; then resume with other thread counts.
        var options = SweepOptions(directory: resumed, threads: 2, record: .all, checkpointInterval: 0, runLimit: 5)
        let first = try SweepRunner.execute(sweep, options: options)
        #expect(first.interrupted && first.completed == 5 && !first.isComplete)
        #expect(FileManager.default.fileExists(atPath: resumed + "/progress.json"))

        options.resume = true
        options.runLimit = 4
        options.threads = 7
        let second = try SweepRunner.execute(sweep, options: options)
        #expect(second.resumedFrom == 5 && second.completed == 4 && second.interrupted)

        options.runLimit = nil
        let third = try SweepRunner.execute(sweep, options: options)
        #expect(third.resumedFrom == 9 && third.completed == 3 && third.isComplete)
        SweepFixture.expectIdentical(reference, resumed)

        // Resuming a complete sweep does nothing.
        let again = try SweepRunner.execute(sweep, options: options)
        #expect(again.completed == 0 && again.isComplete)
        SweepFixture.expectIdentical(reference, resumed)
    }

    @Test func resumeDropsRowsWrittenAfterTheLastCheckpoint() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reference = SweepFixture.temporaryDirectory("ref2")
        let crashed = SweepFixture.temporaryDirectory("crashed")
        defer { SweepFixture.remove(reference, crashed) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: reference, record: .all))

        // A checkpoint after 6 runs, then a "kill" that left 1.5 more runs' rows in the files:
        // whole rows of run 6 and half a row of run 7.
        var options = SweepOptions(directory: crashed, record: .all, checkpointInterval: 0, runLimit: 6)
        _ = try SweepRunner.execute(sweep, options: options)
        for name in ["runs.csv", "firms.csv", "trajectories.csv", "events.csv"] {
            let rows = SweepFixture.lines(reference + "/" + name).filter { $0.hasPrefix("6,") || $0.hasPrefix("7,") }
            let tail = rows.joined(separator: "\n").utf8.prefix(rows.joined(separator: "\n").utf8.count * 3 / 4)
            let handle = try #require(FileHandle(forWritingAtPath: crashed + "/" + name))
            handle.seekToEndOfFile()
            handle.write(Data(tail))
            handle.closeFile()
        }
        options.resume = true
        options.runLimit = nil
        let result = try SweepRunner.execute(sweep, options: options)
        #expect(result.resumedFrom == 6 && result.isComplete)
        SweepFixture.expectIdentical(reference, crashed)
    }

    @Test func killBeforeTheFirstCheckpointRestartsCleanly() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reference = SweepFixture.temporaryDirectory("ref3")
        let crashed = SweepFixture.temporaryDirectory("early")
        defer { SweepFixture.remove(reference, crashed) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: reference))
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: crashed, checkpointInterval: 1000, runLimit: 3))
        // Only the manifest and headers existed (the first checkpoint follows the headers): no
        // progress.json means nothing is valid yet. (With rows and no progress.json a resume is
        // refused: ResumeVerificationTests.)
        try FileManager.default.removeItem(atPath: crashed + "/progress.json")
        for name in ["runs.csv", "firms.csv"] {
            let header = try #require(SweepFixture.lines(crashed + "/" + name).first)
            try Data((header + "\n").utf8).write(to: URL(fileURLWithPath: crashed + "/" + name))
        }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: crashed, resume: true))
        SweepFixture.expectIdentical(reference, crashed)
    }

    @Test func cancellationStopsAndResumeCompletes() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reference = SweepFixture.temporaryDirectory("ref4")
        let directory = SweepFixture.temporaryDirectory("cancel")
        defer { SweepFixture.remove(reference, directory) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: reference))
        let cancellation = SweepCancellation()
        cancellation.cancel()
        let stopped = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, threads: 2),
                                              cancellation: cancellation)
        #expect(stopped.interrupted && stopped.completed == 0)
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, threads: 2, resume: true))
        SweepFixture.expectIdentical(reference, directory)
    }

    @Test func resumeRefusesADifferentSweepAndFreshRunsRefuseFullDirectories() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reseeded = try SweepFixture.prepare(SweepFixture.scenario(
            sweep: SweepFixture.gridSweep.replacingOccurrences(of: #""seed":7"#, with: #""seed":8"#)))
        let directory = SweepFixture.temporaryDirectory("refuse")
        defer { SweepFixture.remove(directory) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, runLimit: 2))
        do {
            _ = try SweepRunner.execute(reseeded, options: SweepOptions(directory: directory, resume: true))
            Issue.record("resumed a sweep with another seed")
        } catch {
            #expect(error.description.contains("base_seed"))
        }
        do {
            _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: .all, resume: true))
            Issue.record("resumed a sweep with other record settings")
        } catch {
            #expect(error.description.contains("record"))
        }
        #expect(throws: EngineError.outputNotEmpty(path: directory)) {
            try SweepRunner.execute(sweep, options: SweepOptions(directory: directory))
        }
    }

    /// Acceptance 4: run k of a sweep, re-run alone from its seed and parameter values, gives the
    /// same rows (apart from the `run` column).
    @Test func anySingleRunReproducesAlone() throws {
        let text = SweepFixture.scenario(sweep: SweepFixture.gridSweep)
        let sweep = try SweepFixture.prepare(text)
        let directory = SweepFixture.temporaryDirectory("repro-sweep")
        let single = SweepFixture.temporaryDirectory("repro-single")
        defer { SweepFixture.remove(directory, single) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, threads: 2, record: .all))

        let k = 7
        let run = sweep.plan[k]
        let runsRow = try #require(SweepFixture.lines(directory + "/runs.csv").first { $0.hasPrefix("\(k),") })
        let fields = runsRow.split(separator: ",").map(String.init)
        #expect(UInt64(fields[3]) == run.seed)
        // What `firmpaths run test.json --seed S --set path=value ...` does, with values as written in runs.csv.
        let overrides = zip(sweep.paths, fields[4..<(4 + sweep.paths.count)]).map { "\($0)=\($1)" }
        let loaded = try SweepFixture.load(text, overrides: overrides)
        _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: "test.json",
                                  seed: try #require(UInt64(fields[3])), options: SingleRunOptions(directory: single, threads: 2))
        #expect(FileManager.default.contents(atPath: directory + "/markets.csv") == FileManager.default.contents(atPath: single + "/markets.csv"))
        var options = SingleRunOptions(directory: single, overwrite: true, threads: 2)
        options.writeYears = true
        _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: "test.json",
                                  seed: try #require(UInt64(fields[3])), options: options)
        for name in ["firms.csv", "trajectories.csv", "events.csv", "exports.csv", "years.csv"] {
            let fromSweep = SweepFixture.lines(directory + "/" + name).filter { $0.hasPrefix("\(k),") }.map { $0.dropFirst(2) }
            let alone = SweepFixture.lines(single + "/" + name).dropFirst().map { $0.dropFirst(2) }
            #expect(!fromSweep.isEmpty)
            #expect(fromSweep == Array(alone), "\(name) rows differ")
        }
    }

    /// A sweep of the market map's seed has one map per distinct map, numbered in point order.
    @Test func sweptMarketMapsAreWrittenOncePerMap() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: #"""
            {"design":"grid","parameters":{"markets.generationSeed":[3,5,3]},"replications":1,"seed":7}
            """#))
        let directory = SweepFixture.temporaryDirectory("maps")
        defer { SweepFixture.remove(directory) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, threads: 2))
        #expect(sweep.marketMaps.pointMaps == [0, 1, 0])
        let rows = SweepFixture.lines(directory + "/markets.csv")
        #expect(rows.first == MarketTable.header.joined(separator: ","))
        #expect(rows.filter { $0.hasPrefix("0,") }.count == 24 && rows.filter { $0.hasPrefix("1,") }.count == 24)
        #expect(rows.count == 49)
        let manifest = try SweepManifest.read(directory + "/manifest.json")
        #expect(manifest["markets"]?["point_maps"] == .array([.number(0), .number(1), .number(0)]))
        #expect(manifest["markets"]?["generation_seeds"] == .array([.number(3), .number(5)]))
        let bytes = [UInt8](FileManager.default.contents(atPath: directory + "/markets.csv") ?? Data())
        #expect(manifest["markets"]?["sha256"]?.stringValue == SHA256.hex(bytes))
    }

    @Test func scenarioWithoutSweepIsOnePoint() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: nil))
        #expect(sweep.plan.count == 1 && sweep.paths.isEmpty)
        let directory = SweepFixture.temporaryDirectory("nosweep")
        defer { SweepFixture.remove(directory) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory))
        let rows = SweepFixture.lines(directory + "/runs.csv")
        #expect(rows.count == 2)
        #expect(rows[0] == (RunsTable.leadingHeader + RunsTable.outcomeHeader).joined(separator: ","))
        #expect(rows[1].hasPrefix("0,0,0,\(RunSeed.derive(baseSeed: 42, point: 0, replication: 0)),"))
    }

    @Test func latinHypercubeAndMorrisWriteTheirPointCounts() throws {
        let lhs = try SweepFixture.prepare(SweepFixture.scenario(sweep: #"""
            {"design":"latin_hypercube","samples":5,"replications":2,
             "parameters":{"policy.exportPromotion":{"min":0.1,"max":0.5},"policy.capacityBuilding":{"min":0,"max":0.3}}}
            """#))
        let morris = try SweepFixture.prepare(SweepFixture.scenario(sweep: #"""
            {"design":"morris","trajectories":2,"levels":4,
             "parameters":{"policy.exportPromotion":{"min":0.1,"max":0.5},"policy.capacityBuilding":{"min":0,"max":0.3}}}
            """#))
        for (sweep, expectedRuns) in [(lhs, 10), (morris, 6)] {
            let directory = SweepFixture.temporaryDirectory("design")
            defer { SweepFixture.remove(directory) }
            _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, threads: 2, record: .runs))
            let rows = SweepFixture.lines(directory + "/runs.csv").dropFirst().map { $0.split(separator: ",") }
            #expect(rows.count == expectedRuns)
            for row in rows {
                let promotion = try #require(Double(row[4]))
                let capacity = try #require(Double(row[5]))
                #expect((0.1...0.5).contains(promotion) && (0...0.3).contains(capacity))
            }
            #expect(SweepFixture.contents(directory).keys.sorted() == ["manifest.json", "markets.csv", "runs.csv"])
        }
    }
}

@Suite struct SweepSpecTests {
    /// The problems' messages with the file but without LINE:COL (positions are checked by the
    /// broken-scenario corpus, where the files are laid out for it).
    func problems(_ sweep: String) -> [String] {
        do {
            _ = try SweepFixture.prepare(SweepFixture.scenario(sweep: sweep))
            return []
        } catch let error as ScenarioError {
            return error.problems.map { problem in
                var located = problem
                located.position = nil
                return located.description
            }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func unknownPathIsNamedWithASuggestion() {
        let found = problems(#"{"parameters":{"policy.exportPromtion":[0,1]}}"#)
        #expect(found == ["test.json: sweep.parameters.policy.exportPromtion: unknown parameter `policy.exportPromtion`; "
            + "did you mean `policy.exportPromotion`?"])
    }

    @Test func sobolAndSeedsKeysAreChecked() {
        #expect(problems(#"{"design":"sobol","parameters":{"policy.exportPromotion":{"min":0,"max":1}}}"#)
            == ["test.json: sweep.samples: a sobol design needs `samples`, the number N of base samples (N x (k + 2) points)"])
        #expect(problems(#"{"design":"sobol","samples":4,"second_order":"yes","parameters":{"policy.exportPromotion":{"min":0,"max":1}}}"#)
            == ["test.json: sweep.second_order: expected true or false, found a string"])
        #expect(problems(#"{"design":"sobol","samples":4,"parameters":{"policy.exportPromotion":[0, 1]}}"#).first?
            .contains("Sobol' design needs an interval") == true)
        #expect(problems(#"{"design":"morris","trajectories":2,"scramble":true,"parameters":{"policy.exportPromotion":{"min":0,"max":1}}}"#)
            == ["test.json: sweep.scramble: `scramble` applies to sobol designs, not morris"])
        #expect(problems(#"{"seeds":"per_trajectries","parameters":{"policy.exportPromotion":[0]}}"#)
            == ["test.json: sweep.seeds: expected one of per_point, per_trajectory, per_replication, found `per_trajectries` "
                + "(did you mean `per_trajectory`?)"])
        #expect(problems(#"{"design":"sobol","samples":2,"seeds":"per_trajectory","parameters":{"policy.exportPromotion":{"min":0,"max":1}}}"#)
            == [])
    }

    @Test func rangeStartAboveEnd() {
        let found = problems(#"{"parameters":{"policy.exportPromotion":{"from":0.6,"to":0.2,"step":0.2}}}"#)
        #expect(found == ["test.json: sweep.parameters.policy.exportPromotion: range start 0.6 is greater than its end 0.2"])
    }

    @Test func shapesDesignsAndKeysAreChecked() {
        #expect(problems(#"{"parameters":{"policy.exportPromotion":"0.2"}}"#).first?.contains("expected a list of values") == true)
        #expect(problems(#"{"design":"latin-hypercube","parameters":{"policy.exportPromotion":[0]}}"#).first?
            .contains("did you mean `latin_hypercube`") == true)
        #expect(problems(#"{"design":"grid","samples":4,"parameters":{"policy.exportPromotion":[0]}}"#)
            == ["test.json: sweep.samples: `samples` applies to latin_hypercube and sobol designs, not grid"])
        #expect(problems(#"{"design":"latin_hypercube","parameters":{"policy.exportPromotion":{"min":0,"max":1}}}"#).first?
            .contains("needs `samples`") == true)
        #expect(problems(#"{"design":"latin_hypercube","samples":3,"parameters":{"policy.exportPromotion":[0,1]}}"#).first?
            .contains("Latin hypercube design needs an interval") == true)
        #expect(problems(#"{"replicatons":3,"parameters":{"policy.exportPromotion":[0]}}"#).first?
            .contains("did you mean `replications`") == true)
        #expect(problems(#"{"parameters":{"name":[1,2]}}"#).first?.contains("can only set numbers") == true)
        #expect(problems(#"{"parameters":{"seed":[1,2]}}"#).first?.contains("cannot be swept") == true)
        // Values outside a parameter's range are caught before any run, naming the point.
        let outOfRange = problems(#"{"parameters":{"policy.exportPromotion":[0.2,-5]}}"#)
        #expect(outOfRange.count == 1 && outOfRange[0].contains("design point 1 (policy.exportPromotion=-5)"))
    }

    @Test func combinationsAndDefaults() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: #"""
            {"design":"combinations","combinations":[{"policy.exportPromotion":0.1,"population.firms":40},
             {"policy.exportPromotion":0.3,"population.firms":50}],"replications":3}
            """#))
        #expect(sweep.paths == ["policy.exportPromotion", "population.firms"])
        #expect(sweep.plan.count == 6 && sweep.spec.baseSeed == 42)
        #expect(try sweep.scenario(forPoint: 1).population.firms == 50)
    }

    @Test func recordParsing() {
        #expect(SweepRecord(parsing: "runs") == .runs)
        #expect(SweepRecord(parsing: "firms,events") == [.firms, .events])
        #expect(SweepRecord(parsing: "all") == .all)
        #expect(SweepRecord(parsing: "steps, runs")?.files == ["runs.csv", "trajectories.csv"])
        #expect(SweepRecord(parsing: "trajectories") == .steps)
        #expect(SweepRecord(parsing: "exports")?.files == ["exports.csv"])
        #expect(SweepRecord(parsing: "all")?.files.suffix(2) == ["exports.csv", "years.csv"])
        #expect(SweepRecord(parsing: "trajectory") == nil)
        #expect(SweepRecord(parsing: "") == nil)
    }
}

@Suite struct InMemorySweepTests {
    /// Four points of a grid, replicated twice, observed by the run seed each used.
    static func seeds(group: (@Sendable (Int) -> Int)?) throws -> [UInt64] {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: #"""
            {"design":"grid","parameters":{"policy.exportPromotion":[0,0.1,0.2,0.3]},"replications":2,"seed":5}
            """#), overrides: ["years=1"])
        return try InMemorySweep.run(sweep, threads: 2, commonRandomNumbers: group) { $0.runSeed }
    }

    @Test func commonRandomNumbersAreSharedWithinAGroupOnly() throws {
        // Points 0-1 form group 0 and points 2-3 group 1; runs are point-major.
        let grouped = try Self.seeds(group: { $0 / 2 })
        #expect(grouped.count == 8)
        for replication in 0..<2 {
            #expect(grouped[0 * 2 + replication] == RunSeed.derive(baseSeed: 5, point: 0, replication: replication))
            #expect(grouped[1 * 2 + replication] == grouped[0 * 2 + replication])
            #expect(grouped[2 * 2 + replication] == RunSeed.derive(baseSeed: 5, point: 1, replication: replication))
            #expect(grouped[3 * 2 + replication] == grouped[2 * 2 + replication])
        }
        #expect(grouped[0] != grouped[1] && grouped[0] != grouped[4])
        // Without grouping, the seeds of `firmpaths sweep`: all different.
        let plain = try Self.seeds(group: nil)
        #expect(Set(plain).count == 8)
        #expect(plain[3] == RunSeed.derive(baseSeed: 5, point: 1, replication: 1))
    }
}
