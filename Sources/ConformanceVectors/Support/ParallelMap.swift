import Dispatch

/// Order-preserving parallel map over all cores (Dispatch `concurrentPerform`).
enum ParallelMap {
    /// `items.map(transform)`, computed in parallel.
    ///
    /// - Complexity: O(n) calls of `transform`, spread over the available cores.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values()
    }
}

/// Write-once slots filled from concurrent iterations; each index is written by exactly one iteration, and the
/// values are read only after `concurrentPerform` returned, so no two threads touch one slot.
private final class ResultSlots<R>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<R?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func set(_ index: Int, _ value: R) { base[index] = value }

    func values() -> [R] { (0..<count).compactMap { base[$0] } }
}
