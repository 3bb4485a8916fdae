import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stop request shared by the workers of a sweep: set once (by Ctrl-C, a test, or a failing
/// writer), read before each run and after each step so interruption is quick even for long runs.
public final class SweepCancellation: Sendable {
    private let flag = Locked(false)
    private let signalSource = Locked<(any DispatchSourceSignal)?>(nil)

    public init() {}

    /// Asks every worker to stop; idempotent.
    public func cancel() {
        flag.withLock { $0 = true }
    }

    /// Whether a stop was requested.
    public var isCancelled: Bool {
        flag.withLock { $0 }
    }

    /// Turns SIGINT (Ctrl-C) into `cancel()` until `stopHandlingInterrupts()`.
    ///
    /// A Dispatch signal source rather than a C handler, because the handler then runs as
    /// ordinary code on a queue (a C handler may only touch async-signal-safe state). The
    /// default action is ignored while the source is active so the process survives to flush
    /// its completed runs; a second Ctrl-C is therefore also just a stop request.
    public func handleInterrupts(onInterrupt: @escaping @Sendable () -> Void = {}) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            self?.cancel()
            onInterrupt()
        }
        source.resume()
        signalSource.withLock { $0 = source }
    }

    /// Restores the default Ctrl-C behaviour.
    public func stopHandlingInterrupts() {
        signalSource.withLock { source in
            source?.cancel()
            source = nil
        }
        signal(SIGINT, SIG_DFL)
    }
}
