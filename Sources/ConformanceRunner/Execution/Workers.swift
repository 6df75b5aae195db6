import Foundation

/// A value behind a lock, for the few pieces of state workers share.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Runs `body(worker)` on `count` dedicated threads and waits for all of them.
///
/// ``FaceMatcher`` calls are synchronous and may block for long (a child process, a slow model), so they run on
/// threads of their own rather than on Swift concurrency's cooperative pool.
///
/// - Parameters:
///   - count: The number of threads (at least 1).
///   - body: The work of one thread; it pulls its own work items from shared state.
func runOnDedicatedThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    if count <= 1 {
        body(0)
        return
    }
    let group = DispatchGroup()
    for worker in 0..<count {
        group.enter()
        let thread = Thread {
            body(worker)
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.name = "facecert-worker-\(worker)"
        thread.start()
    }
    group.wait()
}

/// A flag the caller sets to stop a run early (e.g. on SIGINT); the run then finishes with a partial report.
public final class RunCancellation: Sendable {
    private let flag = Locked(false)

    /// A flag that is not set.
    public init() {}

    /// Asks the run to stop after the calls in flight.
    public func cancel() { flag.withLock { $0 = true } }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { flag.withLock { $0 } }
}
