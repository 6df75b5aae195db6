extension ScoreSet {
    /// One candidate threshold of a sweep: an oriented value and the error counts there.
    struct SweepPoint {
        /// Oriented threshold (−∞, a distinct score, or +∞).
        var value: Double
        /// Mated comparisons rejected (oriented value < threshold).
        var falseNonMatches: Int
        /// Non-mated comparisons accepted (oriented value ≥ threshold); an upper bound when not exact.
        var falseMatches: Int
        /// False when summarised non-mated scores make ``falseMatches`` unknown (see ``NonMatedTail``).
        var isExact = true
    }

    /// Visits every candidate threshold in ascending oriented order: −∞, each distinct score of either set, +∞.
    ///
    /// Stops early when `body` returns `false`. Candidates are exactly the thresholds at which a count changes, so
    /// between two consecutive candidates FMR strictly decreases or FNMR strictly increases.
    ///
    /// - Complexity: O(M + N), one merge pass, no allocation.
    @inline(__always)
    func sweep(_ body: (SweepPoint) -> Bool) {
        let matedCount = mated.count
        let nonMatedCount = nonMated.count
        let summarised = summarisedNonMatedCount
        let summaryMaximum = summaryMaximum
        guard body(SweepPoint(value: -.infinity, falseNonMatches: 0, falseMatches: nonMatedCount + summarised))
        else { return }
        let stopped = mated.withUnsafeBufferPointer { mated in
            nonMated.withUnsafeBufferPointer { nonMated in
                var i = 0
                var j = 0
                while i < matedCount || j < nonMatedCount {
                    let value: Double
                    if i < matedCount, j < nonMatedCount {
                        value = Swift.min(mated[i], nonMated[j])
                    } else if i < matedCount {
                        value = mated[i]
                    } else {
                        value = nonMated[j]
                    }
                    let exact = summarised == 0 || value > summaryMaximum
                    let point = SweepPoint(
                        value: value, falseNonMatches: i, falseMatches: nonMatedCount - j + (exact ? 0 : summarised),
                        isExact: exact)
                    if !body(point) { return true }
                    while i < matedCount, mated[i] == value { i += 1 }
                    while j < nonMatedCount, nonMated[j] == value { j += 1 }
                }
                return false
            }
        }
        guard !stopped else { return }
        _ = body(SweepPoint(value: .infinity, falseNonMatches: matedCount, falseMatches: 0))
    }
}
