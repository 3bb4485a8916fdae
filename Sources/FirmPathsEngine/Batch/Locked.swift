import Foundation

/// A value guarded by an `NSLock`; the one place the engine vouches for `Sendable` by hand.
///
/// `NSLock` is used rather than `Synchronization.Mutex` because `Mutex` needs macOS 15 on
/// Apple platforms and the package declares no minimum platform.
final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with exclusive access to the state.
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
