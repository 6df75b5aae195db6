/// Histograms of mated and non-mated scores over shared, equal-width bins.
///
/// Bin i covers [edges[i], edges[i+1]) except the last, which also includes its upper edge. Scores outside the
/// range are counted in ``matedBelowRange``, ``nonMatedAboveRange`` and the like, never dropped silently.
public struct ScoreHistogram: Sendable, Hashable, Codable {
    /// Bin edges in the caller's score units, ascending; `binCount + 1` values.
    public let edges: [Double]
    /// Mated scores per bin.
    public let mated: [Int]
    /// Non-mated scores per bin.
    public let nonMated: [Int]
    /// Mated scores below the first edge.
    public let matedBelowRange: Int
    /// Mated scores above the last edge.
    public let matedAboveRange: Int
    /// Non-mated scores below the first edge.
    public let nonMatedBelowRange: Int
    /// Non-mated scores above the last edge.
    public let nonMatedAboveRange: Int
    /// Non-mated scores summarised by a ``NonMatedTail`` (not binned: their values are not kept).
    public let nonMatedSummarised: Int
}

extension ScoreSet {
    /// Histograms of the mated and non-mated scores.
    ///
    /// - Parameters:
    ///   - binCount: number of equal-width bins, `>= 1`.
    ///   - range: the scores to bin, in the caller's units; defaults to ``scoreRange`` (widened by 0.5 either side
    ///     when all scores are equal).
    /// - Returns: the histograms; with no scores at all and no range, one bin over [0, 1] with zero counts.
    /// - Throws: `.invalidParameter` when `binCount < 1` or the range is not finite.
    /// - Complexity: O(M + N).
    public func histogram(binCount: Int = 50, range: ClosedRange<Double>? = nil) throws(MetricsError)
        -> ScoreHistogram
    {
        guard binCount >= 1 else {
            throw MetricsError(.invalidParameter, "binCount \(binCount) must be at least 1")
        }
        var bounds = range ?? scoreRange ?? 0...1
        guard bounds.lowerBound.isFinite, bounds.upperBound.isFinite else {
            throw MetricsError(.invalidParameter, "histogram range \(bounds) must be finite")
        }
        if bounds.lowerBound == bounds.upperBound {
            bounds = (bounds.lowerBound - 0.5)...(bounds.upperBound + 0.5)
        }
        let low = bounds.lowerBound
        let width = (bounds.upperBound - low) / Double(binCount)
        let edges = (0...binCount).map { $0 == binCount ? bounds.upperBound : low + Double($0) * width }
        func count(_ values: [Double]) -> (bins: [Int], below: Int, above: Int) {
            var bins = [Int](repeating: 0, count: binCount)
            var below = 0
            var above = 0
            for orientedValue in values {
                let score = unoriented(orientedValue)
                if score < low {
                    below += 1
                } else if score > bounds.upperBound {
                    above += 1
                } else {
                    var bin = Swift.min(binCount - 1, Int((score - low) / width))
                    // Floating-point division can land one bin off at an edge; the edges decide.
                    while bin > 0, score < edges[bin] { bin -= 1 }
                    while bin < binCount - 1, score >= edges[bin + 1] { bin += 1 }
                    bins[bin] += 1
                }
            }
            return (bins, below, above)
        }
        let matedBins = count(mated)
        let nonMatedBins = count(nonMated)
        return ScoreHistogram(
            edges: edges, mated: matedBins.bins, nonMated: nonMatedBins.bins,
            matedBelowRange: matedBins.below, matedAboveRange: matedBins.above,
            nonMatedBelowRange: nonMatedBins.below, nonMatedAboveRange: nonMatedBins.above,
            nonMatedSummarised: summarisedNonMatedCount)
    }
}
