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
    private let signalSources = Locked<[any DispatchSourceSignal]>([])
    private let caught = Locked<Int32?>(nil)

    public init() {}

    /// Asks every worker to stop; idempotent.
    public func cancel() {
        flag.withLock { $0 = true }
    }

    /// Whether a stop was requested.
    public var isCancelled: Bool {
        flag.withLock { $0 }
    }

    /// The signal that stopped the work (SIGINT, SIGTERM or SIGHUP), nil when none did.
    public var signal: Int32? {
        caught.withLock { $0 }
    }

    /// Turns SIGINT (Ctrl-C), SIGTERM (`kill`, job schedulers) and SIGHUP (a closed terminal)
    /// into `cancel()` until `stopHandlingInterrupts()`.
    ///
    /// Dispatch signal sources rather than C handlers, because the handler then runs as
    /// ordinary code on a queue (a C handler may only touch async-signal-safe state). The
    /// default actions are ignored while the sources are active so the process survives to
    /// flush its completed runs and clean up; a second signal is therefore also just a stop request.
    public func handleInterrupts(onInterrupt: @escaping @Sendable () -> Void = {}) {
        var sources: [any DispatchSourceSignal] = []
        for number in Self.signals {
            ignoreSignal(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.caught.withLock { if $0 == nil { $0 = number } }
                self?.cancel()
                onInterrupt()
            }
            source.resume()
            sources.append(source)
        }
        signalSources.withLock { $0 = sources }
    }

    /// Restores the default behaviour of the signals.
    public func stopHandlingInterrupts() {
        signalSources.withLock { sources in
            for source in sources { source.cancel() }
            sources = []
        }
        for number in Self.signals { restoreSignal(number) }
    }

    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The signal's name for messages: "SIGINT" ...
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT (Ctrl-C)"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}

/// `signal(number, SIG_IGN)`, unshadowed by `SweepCancellation.signal`.
private func ignoreSignal(_ number: Int32) {
    _ = signal(number, SIG_IGN)
}

/// `signal(number, SIG_DFL)`.
private func restoreSignal(_ number: Int32) {
    _ = signal(number, SIG_DFL)
}
