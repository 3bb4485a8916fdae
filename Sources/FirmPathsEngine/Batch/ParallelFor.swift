import Dispatch

/// Chunked parallel loop over `0..<count` on a fixed number of threads.
public enum ParallelFor {
    /// Calls `body` once per contiguous chunk of `0..<count`, on up to `threads` threads.
    ///
    /// `DispatchQueue.concurrentPerform` would spread iterations over every core, so to honour
    /// `threads` below the core count it runs exactly `min(threads, chunks)` workers, each of which
    /// pulls the next chunk from a lock-protected counter. Chunks are therefore *started* in
    /// increasing order, which keeps an `OrderedEmitter`'s reorder window near `threads x chunk`.
    /// With `threads <= 1` (or a single chunk) everything runs inline on the caller's thread,
    /// in order, without Dispatch.
    ///
    /// Contract: different chunks may run at the same time, so `body` must only write state
    /// that no other chunk touches (disjoint output slots) or synchronize itself.
    /// - Parameters:
    ///   - count: number of indices; nothing happens if it is 0 or negative.
    ///   - threads: maximum number of threads.
    ///   - chunk: indices per chunk (values below 1 are treated as 1); larger chunks cost less
    ///     locking, smaller ones balance better.
    ///   - body: work for one chunk of indices.
    /// - Complexity: O(count / chunk) lock acquisitions plus the work.
    public static func run(count: Int, threads: Int, chunk: Int, body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunk = max(1, chunk)
        let chunks = (count - 1) / chunk + 1
        let workers = min(max(1, threads), chunks)
        if workers == 1 {
            var start = 0
            while start < count {
                let end = min(start + chunk, count)
                body(start..<end)
                start = end
            }
            return
        }
        let nextChunk = Locked(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let c = nextChunk.withLock { next -> Int in
                    defer { next += 1 }
                    return next
                }
                guard c < chunks else { return }
                let start = c * chunk
                body(start..<min(start + chunk, count))
            }
        }
    }

    /// Computes `transform(i)` for every `i` in `0..<count` in parallel and returns them in order.
    ///
    /// Each index writes only its own slot of the result, which is what makes the unsynchronized
    /// writes safe.
    /// - Parameters: see `run(count:threads:chunk:body:)`.
    /// - Returns: `[transform(0), transform(1), ...]`, identical for any thread count.
    public static func map<T: Sendable>(
        count: Int, threads: Int, chunk: Int, _ transform: @Sendable (Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            let slots = DisjointSlots(base: base)
            run(count: count, threads: threads, chunk: chunk) { range in
                for i in range {
                    slots.initialize(i, to: transform(i))
                }
            }
            initializedCount = count
        }
    }
}

/// Uninitialized result storage shared by workers that each initialize distinct indices.
private struct DisjointSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>

    func initialize(_ index: Int, to value: T) {
        (base + index).initialize(to: value)
    }
}
