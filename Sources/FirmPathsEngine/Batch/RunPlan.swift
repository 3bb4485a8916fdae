/// One run to execute: where it sits in the batch, its seed and its parameter values.
public struct PlannedRun: Sendable, Equatable {
    /// Run number, `point * replications + replication`; also its output order.
    public var run: Int
    /// Design point index.
    public var point: Int
    /// Replication within the point.
    public var replication: Int
    /// `RunSeed.derive(baseSeed:point:replication:)` of the plan's seed point (see `RunSeeding`).
    public var seed: UInt64
    /// The design point's parameter values, in factor order.
    public var values: [(path: String, value: Double)]

    public static func == (lhs: PlannedRun, rhs: PlannedRun) -> Bool {
        lhs.run == rhs.run && lhs.point == rhs.point && lhs.replication == rhs.replication
            && lhs.seed == rhs.seed && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.path == $1.path && $0.value == $1.value }
    }
}

/// All runs of a design times replications, computed on access rather than stored.
///
/// Runs are numbered `run = point * replications + replication`, so a point's replications are
/// adjacent in the output.
public struct RunPlan: RandomAccessCollection, Sendable {
    /// Design points.
    public let points: [SweepPoint]
    /// Replications per point.
    public let replications: Int
    /// Batch seed all run seeds derive from.
    public let baseSeed: UInt64
    /// Which runs share seeds.
    public let seeding: RunSeeding

    /// Most runs a plan may hold: 2^53, so every run number is exact as a JSON number.
    public static let maximumRuns = 1 << 53

    /// Creates a plan.
    /// - Throws: `BatchError.invalidReplications` if `replications < 1`, `.tooManyRuns` on overflow.
    public init(points: [SweepPoint], replications: Int, baseSeed: UInt64, seeding: RunSeeding = .perPoint) throws {
        guard replications >= 1 else { throw BatchError.invalidReplications(replications) }
        let (runs, overflow) = points.count.multipliedReportingOverflow(by: replications)
        // Run numbers go to runs.csv and manifests as JSON numbers: keep them exact (below 2^53).
        guard !overflow, runs <= RunPlan.maximumRuns else { throw BatchError.tooManyRuns }
        if case .perGroup(let size) = seeding, size < 1 { throw BatchError.invalidSeedGroup(size) }
        self.points = points
        self.replications = replications
        self.baseSeed = baseSeed
        self.seeding = seeding
    }

    /// The seed of replication `replication` of point `point`.
    public func seed(point: Int, replication: Int) -> UInt64 {
        RunSeed.derive(baseSeed: baseSeed, point: seeding.seedPoint(of: point), replication: replication)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { points.count * replications }

    /// The run with number `run`.
    /// - Complexity: O(1) (the values array is shared, not copied).
    public subscript(run: Int) -> PlannedRun {
        precondition(run >= 0 && run < endIndex, "run \(run) out of range 0..<\(endIndex)")
        let point = run / replications
        let replication = run % replications
        return PlannedRun(
            run: run, point: point, replication: replication,
            seed: seed(point: point, replication: replication),
            values: points[point].values)
    }

    /// The runs of one shard: run `r` belongs to shard `r % count`.
    ///
    /// Round-robin (rather than contiguous blocks) keeps shards balanced when cost varies along
    /// the design, and every run lands in exactly one shard.
    public func shard(_ spec: ShardSpec) -> RunPlanShard {
        RunPlanShard(plan: self, spec: spec)
    }

    /// The runs of shard `index` of `count`.
    /// - Throws: `BatchError.invalidShard` unless `0 <= index < count`.
    public func shard(index: Int, of count: Int) throws -> RunPlanShard {
        try shard(ShardSpec(index: index, count: count))
    }
}

/// The subset of a `RunPlan` handled by one shard, in increasing run order.
public struct RunPlanShard: RandomAccessCollection, Sendable {
    /// The full plan.
    public let plan: RunPlan
    /// Which shard this is.
    public let spec: ShardSpec

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        // (total - index - 1) / count + 1 rather than (total - index + count - 1) / count, which
        // overflows for counts near Int.max (`--shard 0/9223372036854775807`).
        let total = plan.count
        return total > spec.index ? (total - spec.index - 1) / spec.count + 1 : 0
    }

    /// The `position`-th run of the shard, i.e. run `spec.index + position * spec.count`.
    public subscript(position: Int) -> PlannedRun {
        plan[spec.index + position * spec.count]
    }
}

/// Which slice of a batch a process handles, written `I/N` (0-based `I`).
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    /// 0-based shard number.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// The whole batch as a single shard.
    public static let all = ShardSpec(uncheckedIndex: 0, count: 1)

    /// Creates a validated shard.
    /// - Throws: `BatchError.invalidShard` unless `0 <= index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else { throw BatchError.invalidShard("\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Parses `I/N`, also accepting the whole option as `--shard I/N` or `--shard=I/N`.
    /// - Throws: `BatchError.invalidShard` for anything else or out-of-range numbers.
    public init(parsing text: String) throws {
        var body = Substring(text.trimmingWhitespace())
        if body.hasPrefix("--shard") {
            body = body.dropFirst("--shard".count)
            if body.first == "=" { body = body.dropFirst() }
            body = Substring(String(body).trimmingWhitespace())
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              let index = Int(parts[0]), let count = Int(parts[1])
        else { throw BatchError.invalidShard(text) }
        do {
            try self.init(index: index, count: count)
        } catch {
            throw BatchError.invalidShard(text)
        }
    }

    /// Whether run number `run` belongs to this shard.
    public func contains(run: Int) -> Bool {
        run % count == index
    }

    public var description: String { "\(index)/\(count)" }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
