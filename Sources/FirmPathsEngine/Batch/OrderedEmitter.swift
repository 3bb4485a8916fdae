import Foundation

/// Reorder buffer that turns results arriving in completion order into run order.
///
/// Workers call `complete(_:_:)` from any thread; the consumer sees `(0, v0), (1, v1), ...`
/// strictly in index order, one call at a time, as soon as each next index is available. Only
/// out-of-order results are held in memory. The consumer runs on whichever worker completed the
/// awaited index, outside the lock, so other workers keep depositing results meanwhile.
///
/// Memory is bounded by `window`: a worker completing an index `>= next + window` waits until
/// the output catches up. This cannot deadlock provided (a) indices are handed out in increasing
/// order (as `ParallelFor` does) and (b) each worker completes its own indices in increasing
/// order and completes every index it was given (report failures as values, don't skip).
/// A window of about `threads x chunk` never blocks in the steady state.
public final class OrderedEmitter<Value: Sendable>: @unchecked Sendable {
    // @unchecked: all mutable state below is only touched while `condition` is locked.
    private let condition = NSCondition()
    private let window: Int?
    private let consumer: @Sendable (Int, Value) throws -> Void
    private var pending: [Int: Value] = [:]
    private var nextIndex = 0
    private var draining = false
    private var failure: (any Error)?
    private var peakPending = 0

    /// Creates an emitter starting at index 0.
    /// - Parameters:
    ///   - window: maximum distance ahead of the next index a result may be deposited without
    ///     waiting; `nil` never waits (memory then grows with the slowest run's lag).
    ///   - consumer: receives results in index order, never concurrently. If it throws, later
    ///     results are discarded and `finish` rethrows the first error.
    public init(window: Int?, consumer: @escaping @Sendable (Int, Value) throws -> Void) {
        self.window = window.map { max(1, $0) }
        self.consumer = consumer
    }

    /// Deposits the result for `index`, emitting it and any now-contiguous successors if it is
    /// the next one due.
    /// - Precondition: each index is completed once and is not below the next index due.
    public func complete(_ index: Int, _ value: Value) {
        condition.lock()
        precondition(index >= nextIndex && pending[index] == nil, "OrderedEmitter: index \(index) completed twice")
        if let window {
            while index >= nextIndex + window, failure == nil {
                condition.wait()
            }
        }
        guard failure == nil else {
            condition.unlock()
            return
        }
        pending[index] = value
        peakPending = max(peakPending, pending.count)
        guard !draining, index == nextIndex else {
            condition.unlock()
            return
        }
        draining = true
        while failure == nil, let ready = pending.removeValue(forKey: nextIndex) {
            let readyIndex = nextIndex
            nextIndex += 1
            condition.broadcast()
            condition.unlock()
            var thrown: (any Error)?
            do {
                try consumer(readyIndex, ready)
            } catch {
                thrown = error
            }
            condition.lock()
            if let thrown, failure == nil {
                failure = thrown
                pending.removeAll()
                condition.broadcast()
            }
        }
        draining = false
        condition.unlock()
    }

    /// Number of results handed to the consumer so far.
    public var emittedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return nextIndex
    }

    /// Largest number of results that were waiting at once; useful to tune `window` and chunking.
    public var peakPendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return peakPending
    }

    /// Checks, after all workers returned, that every result up to `expectedCount` was emitted.
    /// - Throws: the consumer's first error, or `BatchError.incompleteOutput` if results are missing.
    public func finish(expectedCount: Int) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        guard nextIndex == expectedCount, pending.isEmpty else {
            throw BatchError.incompleteOutput(emitted: nextIndex, expected: expectedCount)
        }
    }
}
