import Testing
@testable import FirmPathsEngine

@Suite struct RunSeedTests {
    @Test func pinnedValues() {
        // Regression guard: computed once from the documented formula (independent C version).
        #expect(RunSeed.derive(baseSeed: 0, point: 0, replication: 0) == 1_249_383_295_688_599)
        #expect(RunSeed.derive(baseSeed: 42, point: 3, replication: 7) == 6_023_068_569_683_413)
        #expect(RunSeed.derive(baseSeed: 20_240_601, point: 999, replication: 99) == 4_030_110_170_425_661)
    }

    @Test func distinctOverPointsAndReplications() {
        var seen = Set<UInt64>()
        for point in 0..<1000 {
            for replication in 0..<100 {
                seen.insert(RunSeed.derive(baseSeed: 12345, point: point, replication: replication))
            }
        }
        #expect(seen.count == 100_000)
    }

    @Test func seedsSurviveDoublePrecisionTools() {
        // Every derived seed is below 2^53, so a reader that parses integers as doubles (R's
        // read.csv, spreadsheets, JSON) keeps it exactly.
        for point in 0..<200 {
            for replication in 0..<50 {
                let seed = RunSeed.derive(baseSeed: 0xFFFF_FFFF_FFFF_FFFF &- UInt64(point), point: point, replication: replication)
                #expect(seed < (1 << 53))
                #expect(UInt64(Double(seed)) == seed)
            }
        }
    }

    @Test func baseSeedChangesEverything() {
        #expect(RunSeed.derive(baseSeed: 1, point: 5, replication: 2) != RunSeed.derive(baseSeed: 2, point: 5, replication: 2))
        #expect(RunSeed.derive(baseSeed: 1, point: 1, replication: 0) != RunSeed.derive(baseSeed: 1, point: 0, replication: 1))
    }
}

@Suite struct RunPlanTests {
    static func points(_ count: Int) -> [SweepPoint] {
        (0..<count).map { SweepPoint(index: $0, values: [("a", Double($0))]) }
    }

    @Test func numbersRunsPointMajor() throws {
        let plan = try RunPlan(points: Self.points(3), replications: 4, baseSeed: 9)
        #expect(plan.count == 12)
        let run = plan[7]
        #expect(run.run == 7 && run.point == 1 && run.replication == 3)
        #expect(run.seed == RunSeed.derive(baseSeed: 9, point: 1, replication: 3))
        #expect(run.values.map(\.value) == [1])
        #expect(plan.map(\.run) == Array(0..<12))
    }

    @Test(arguments: [1, 2, 3, 5, 13, 40])
    func shardsPartitionRuns(shards: Int) throws {
        let plan = try RunPlan(points: Self.points(7), replications: 3, baseSeed: 1)
        var covered: [Int] = []
        for i in 0..<shards {
            let shard = try plan.shard(index: i, of: shards)
            #expect(shard.allSatisfy { $0.run % shards == i })
            #expect(shard.map(\.run) == shard.map(\.run).sorted())
            covered += shard.map(\.run)
        }
        #expect(covered.sorted() == Array(0..<21))
    }

    @Test func rejectsBadReplications() {
        #expect(throws: BatchError.invalidReplications(0)) { try RunPlan(points: Self.points(1), replications: 0, baseSeed: 0) }
    }

    @Test(arguments: ["0/1", "3/4", " 2/8 ", "--shard 1/2", "--shard=0/3"])
    func parsesShards(text: String) throws {
        let spec = try ShardSpec(parsing: text)
        #expect(spec.index < spec.count)
    }

    @Test func parsedValues() throws {
        #expect(try ShardSpec(parsing: "--shard 3/4") == ShardSpec(index: 3, count: 4))
        #expect(ShardSpec.all.description == "0/1")
    }

    @Test(arguments: ["4/4", "1/0", "-1/3", "a/b", "1", "1/2/3", "", "/3", "2/", "+1/3", "--shard"])
    func rejectsInvalidShards(text: String) {
        #expect(throws: BatchError.self) { try ShardSpec(parsing: text) }
    }
}
