import Foundation

/// A thread-safe, append-only list of faults plus call counters, shared by an adapter's workers.
final class FaultLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [PluginFault] = []
    private var templateCalls = 0
    private var comparisons = 0

    var faults: [PluginFault] { lock.withLock { entries } }

    func record(_ fault: PluginFault) { lock.withLock { entries.append(fault) } }

    /// Reserves the index of the next template creation.
    func nextTemplateIndex() -> Int {
        lock.withLock {
            defer { templateCalls += 1 }
            return templateCalls
        }
    }

    /// Reserves `count` consecutive comparison indices and returns the first.
    func reserveComparisons(_ count: Int) -> Int {
        lock.withLock {
            defer { comparisons += count }
            return comparisons
        }
    }
}

/// A fixed set of workers; a call borrows a free one and waits when all are busy.
final class WorkerPool<Worker: AnyObject>: @unchecked Sendable {
    private let condition = NSCondition()
    private let workers: [Worker]
    private var free: [Int]

    init(_ workers: [Worker]) {
        self.workers = workers
        self.free = Array(workers.indices.reversed())
    }

    var count: Int { workers.count }
    var all: [Worker] { workers }

    /// Waits until no call holds a worker, then runs `body` with every worker while calls wait.
    func withAllWorkers(_ body: ([Worker]) -> Void) {
        condition.lock()
        while free.count < workers.count { condition.wait() }
        body(workers)
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body` with exclusive use of one worker.
    func withWorker<R, E: Error>(_ body: (Worker, Int) throws(E) -> R) throws(E) -> R {
        condition.lock()
        while free.isEmpty { condition.wait() }
        let index = free.removeLast()
        condition.unlock()
        defer {
            condition.lock()
            free.append(index)
            condition.signal()
            condition.unlock()
        }
        return try body(workers[index], index)
    }
}
