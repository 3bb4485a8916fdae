import Foundation

/// Admission of runs: at most `capacity` at once, and a newer request from the same page
/// (client id) makes its older ones stale, so they stop at their next step.
final class RunGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var latest: [String: Int] = [:]
    private var running = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// A ticket for a new request of `client`; older tickets of the client become stale.
    func ticket(for client: String?) -> Int {
        guard let client else { return 0 }
        condition.lock()
        defer { condition.unlock() }
        let next = (latest[client] ?? 0) + 1
        latest[client] = next
        if latest.count > 10_000 { latest = [client: next] }
        condition.broadcast()
        return next
    }

    func isStale(client: String?, ticket: Int) -> Bool {
        guard let client else { return false }
        condition.lock()
        defer { condition.unlock() }
        return (latest[client] ?? 0) != ticket
    }

    enum Admission { case admitted, stale, busy }

    /// Waits up to `timeout` seconds for a free run slot.
    func enter(client: String?, ticket: Int, timeout: Double) -> Admission {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while running >= capacity {
            if let client, (latest[client] ?? 0) != ticket { return .stale }
            if !condition.wait(until: deadline) { return .busy }
        }
        if let client, (latest[client] ?? 0) != ticket { return .stale }
        running += 1
        return .admitted
    }

    /// Runs admitted and not yet finished.
    var runningCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    func leave() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}

/// The last few runs, by their settings: a story asked for right after a run reuses its tables.
final class RunCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, value: Value)] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(_ key: String) -> Value? {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.value
        }
    }

    func store(_ key: String, _ value: Value) {
        lock.withLock {
            entries.removeAll { $0.key == key }
            entries.append((key, value))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }
}
