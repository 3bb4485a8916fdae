import Foundation
import Testing
import FirmPathsModel
@testable import FirmPathsEngine

/// Test helper collecting values from several threads.
private final class Collector<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []

    func append(_ item: T) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

@Suite struct ParallelForTests {
    @Test func availableThreadsIsPositive() {
        #expect(ThreadCount.available() >= 1)
        #expect(ThreadCount.resolve(requested: 3) == 3)
        #expect(ThreadCount.resolve(requested: nil) == ThreadCount.available())
    }

    #if os(Linux)
    @Test func availableMatchesAffinityMaskInProcStatus() throws {
        // Cpus_allowed is the affinity mask in hex, 32-bit groups separated by commas.
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed:") })
        let hex = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
        let bits = hex.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
        let limit = ThreadCount.cgroupQuotaCPUs() ?? bits
        #expect(ThreadCount.available() == min(bits, limit))
    }
    #endif

    @Test func cpuBandwidthLimitsRoundUpToWholeThreads() {
        #expect(ThreadCount.quotaCPUs(cpuMax: "max 100000\n") == nil)
        #expect(ThreadCount.quotaCPUs(cpuMax: "200000 100000\n") == 2)
        #expect(ThreadCount.quotaCPUs(cpuMax: "150000 100000") == 2)
        #expect(ThreadCount.quotaCPUs(cpuMax: "50000 100000") == 1)
        #expect(ThreadCount.quotaCPUs(cpuMax: "garbage") == nil)
        #expect(ThreadCount.quotaCPUs(quota: -1, period: 100000) == nil)  // cgroup v1: no limit
        #expect(ThreadCount.quotaCPUs(quota: 400000, period: 100000) == 4)
    }

    @Test(arguments: [1, 2, 7])
    func mapIsIdenticalForAnyThreadCount(threads: Int) {
        let work: @Sendable (Int) -> UInt64 = { i in
            var random = SweepRandom(seed: UInt64(i))
            var sum: UInt64 = 0
            for _ in 0..<100 { sum &+= random.nextUInt64() }
            return sum
        }
        let expected = (0..<1000).map(work)
        #expect(ParallelFor.map(count: 1000, threads: threads, chunk: 16, work) == expected)
        #expect(ParallelFor.map(count: 1000, threads: threads, chunk: 1, work) == expected)
        #expect(ParallelFor.map(count: 0, threads: threads, chunk: 4, work).isEmpty)
    }

    @Test(arguments: [(1, 1), (2, 5), (7, 3), (3, 1000)] as [(Int, Int)])
    func chunksCoverEveryIndexOnce(threads: Int, chunk: Int) {
        let ranges = Collector<Range<Int>>()
        ParallelFor.run(count: 103, threads: threads, chunk: chunk) { ranges.append($0) }
        let indices = ranges.values.flatMap { Array($0) }.sorted()
        #expect(indices == Array(0..<103))
        #expect(ranges.values.allSatisfy { $0.count <= chunk && !$0.isEmpty })
    }

    @Test func singleThreadRunsInlineInOrder() {
        let ranges = Collector<Range<Int>>()
        ParallelFor.run(count: 10, threads: 1, chunk: 3) { ranges.append($0) }
        #expect(ranges.values == [0..<3, 3..<6, 6..<9, 9..<10])
    }
}

@Suite struct OrderedEmitterTests {
    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func randomCompletionOrderIsEmittedInIndexOrder(seed: UInt64) throws {
        let emitted = Collector<Int>()
        let emitter = OrderedEmitter<String>(window: nil) { index, value in
            #expect(value == "r\(index)")
            emitted.append(index)
        }
        var order = Array(0..<200)
        var random = SweepRandom(seed: seed)
        random.shuffle(&order)
        for index in order {
            emitter.complete(index, "r\(index)")
        }
        try emitter.finish(expectedCount: 200)
        #expect(emitted.values == Array(0..<200))
    }

    @Test(arguments: [1, 2, 4, 7])
    func concurrentWorkersWithWindowEmitInOrder(threads: Int) throws {
        let count = 2000
        let chunk = 8
        let emitted = Collector<Int>()
        let window = threads * chunk
        let emitter = OrderedEmitter<Int>(window: window) { index, value in
            #expect(value == index * 2)
            emitted.append(index)
        }
        ParallelFor.run(count: count, threads: threads, chunk: chunk) { range in
            for i in range {
                // Uneven work so completions arrive out of order.
                var random = SweepRandom(seed: UInt64(i))
                var sink: UInt64 = 0
                for _ in 0..<(random.nextInt(below: 2000)) { sink &+= random.nextUInt64() }
                emitter.complete(i, i * 2 + Int(sink & 0))
            }
        }
        try emitter.finish(expectedCount: count)
        #expect(emitted.values == Array(0..<count))
        #expect(emitter.peakPendingCount <= window)
        #expect(emitter.emittedCount == count)
    }

    @Test func finishReportsMissingResults() {
        let emitter = OrderedEmitter<Int>(window: nil) { _, _ in }
        emitter.complete(0, 0)
        emitter.complete(2, 2)
        #expect(throws: BatchError.incompleteOutput(emitted: 1, expected: 3)) { try emitter.finish(expectedCount: 3) }
    }

    struct WriteFailed: Error, Equatable {}

    @Test func consumerErrorStopsOutputAndIsRethrown() {
        let emitted = Collector<Int>()
        let emitter = OrderedEmitter<Int>(window: 2) { index, _ in
            if index == 3 { throw WriteFailed() }
            emitted.append(index)
        }
        for i in 0..<10 { emitter.complete(i, i) }
        #expect(throws: WriteFailed()) { try emitter.finish(expectedCount: 10) }
        #expect(emitted.values == [0, 1, 2])
    }
}
