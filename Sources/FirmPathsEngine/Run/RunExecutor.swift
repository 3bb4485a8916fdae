import FirmPathsModel

/// Drives one simulation through its horizon, advancing firms in parallel chunks within
/// each step.
///
/// Exactness does not depend on the thread count: within a step every firm reads only its
/// own state and last step's snapshot (synchronous update), and the chunks' events are
/// appended in chunk order, which is firm order whatever the chunking.
public enum RunExecutor {
    /// Firms per chunk: large enough that Dispatch's per-iteration cost is negligible
    /// (a firm-step costs about half a microsecond).
    public static let firmsPerChunk = 2048

    /// Runs `simulation` to its end, calling `afterStep` on the calling thread after each step.
    /// - Parameters:
    ///   - threads: worker threads for the firm updates of a step (1: no Dispatch at all).
    ///   - afterStep: observer of the finished step, e.g. a trajectory writer; errors stop the run.
    public static func run(_ simulation: Simulation, threads: Int,
                           afterStep: (Simulation, ArraySlice<FirmEvent>) throws -> Void) rethrows {
        let firms = simulation.store.firmCount
        let chunkCount = threads <= 1 ? 1 : max(1, (firms + firmsPerChunk - 1) / firmsPerChunk)
        let chunkSize = max(1, (firms + chunkCount - 1) / chunkCount)
        let slots = EventSlots(count: chunkCount)
        defer { slots.release() }
        while !simulation.isFinished {
            simulation.beginStep()
            let before = simulation.events.count
            if chunkCount == 1 {
                slots[0].removeAll(keepingCapacity: true)
                simulation.advance(firms: 0..<firms, events: &slots[0])
            } else {
                ParallelFor.run(count: chunkCount, threads: threads, chunk: 1) { chunks in
                    for chunk in chunks {
                        let lower = chunk * chunkSize
                        let upper = min(firms, lower + chunkSize)
                        slots[chunk].removeAll(keepingCapacity: true)
                        if lower < upper { simulation.advance(firms: lower..<upper, events: &slots[chunk]) }
                    }
                }
            }
            simulation.endStep(events: slots.all)
            try afterStep(simulation, simulation.events[before...])
        }
    }
}

/// One event list per chunk, written by one worker each.
final class EventSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<[FirmEvent]>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: [], count: count)
    }

    subscript(index: Int) -> [FirmEvent] {
        get { base[index] }
        _modify { yield &base[index] }
    }

    var all: [[FirmEvent]] { (0..<count).map { base[$0] } }

    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
