/// A bounded-memory accumulator of non-mated scores: the `capacity` most-accepted scores exactly, the rest as a
/// count.
///
/// For suites too large to hold every non-mated score (beyond about 10^9 comparisons), stream the scores through a
/// `NonMatedTail` and build the set with ``ScoreSet/init(mated:nonMatedTail:failures:)``. Certification limits sit
/// in the upper tail of the non-mated distribution (FMR ≤ 10^-2), and everything there stays exact: a threshold is
/// exact iff it is stricter than every summarised score (``ScoreSet/summarisedNonMatedBoundary``). With N
/// non-mated comparisons, a capacity of ⌈x·N⌉ + 1 keeps FNMR at every FMR ≤ x exact; EER is exact when it lies in
/// the kept tail, and the queries that would need the summarised bulk throw `.inexact` (or return `nil` for EER)
/// rather than guess.
///
/// Memory: at most 2 × `capacity` doubles (a buffer that is cut back to `capacity` by one sort when it fills), so
/// 16·capacity bytes whatever the number of scores. Ties at the cut are handled conservatively: the boundary value
/// is recorded as summarised, so no threshold at it is claimed exact.
public struct NonMatedTail: Sendable {
    /// How the scores are read.
    public let kind: ScoreKind
    /// How many scores are kept exactly.
    public let capacity: Int
    /// Oriented kept values (unsorted until cut).
    var kept: [Double] = []
    /// Number of scores summarised as a count.
    private(set) var summarised = 0
    /// Largest oriented summarised value (−∞ when none): every summarised score is ≤ this.
    private(set) var summaryMaximum = -Double.infinity
    /// Smallest oriented summarised value (+∞ when none).
    private(set) var summaryMinimum = Double.infinity

    /// Creates an empty accumulator.
    ///
    /// - Parameters:
    ///   - capacity: scores kept exactly, ≥ 1; choose ⌈x·N⌉ + 1 for exact results at FMR ≤ x.
    ///   - kind: how the scores are read.
    /// - Throws: `.invalidParameter` when `capacity < 1`.
    public init(capacity: Int, kind: ScoreKind = .similarity) throws(MetricsError) {
        guard capacity >= 1 else {
            throw MetricsError(.invalidParameter, "tail capacity \(capacity) must be at least 1")
        }
        self.capacity = capacity
        self.kind = kind
        kept.reserveCapacity(2 * capacity)
    }

    /// Every score added so far.
    public var count: Int { kept.count + summarised }

    /// Adds one non-mated score.
    ///
    /// - Throws: `.nonFiniteScore` for NaN or ±∞ (count a failed comparison in ``ComparisonFailures`` instead).
    /// - Complexity: amortised O(1).
    public mutating func append(_ score: Double) throws(MetricsError) {
        guard score.isFinite else {
            throw MetricsError(
                .nonFiniteScore,
                "non-mated score \(score) (number \(count + 1)) is not finite; count failed comparisons as failures")
        }
        let value = (kind == .similarity ? score : -score) + 0.0
        if value <= summaryMaximum {
            summarise(value)
            return
        }
        kept.append(value)
        if kept.count >= 2 * capacity { cut() }
    }

    /// Adds scores in order.
    ///
    /// - Throws: `.nonFiniteScore` at the first NaN or ±∞ (earlier scores stay added).
    public mutating func append(contentsOf scores: some Sequence<Double>) throws(MetricsError) {
        for score in scores { try append(score) }
    }

    private mutating func summarise(_ value: Double) {
        summarised += 1
        summaryMaximum = Swift.max(summaryMaximum, value)
        summaryMinimum = Swift.min(summaryMinimum, value)
    }

    /// Keeps the `capacity` largest values; the rest, and any kept value equal to the largest of them, become the
    /// summary.
    mutating func cut() {
        guard kept.count > capacity else { return }
        RadixSort.sort(&kept)
        let drop = kept.count - capacity
        let boundary = kept[drop - 1]
        // Kept values must all be strictly above the summary, so ties with the boundary are summarised too.
        var end = drop
        while end < kept.count, kept[end] == boundary { end += 1 }
        summarised += end
        summaryMaximum = Swift.max(summaryMaximum, boundary)
        summaryMinimum = Swift.min(summaryMinimum, kept[0])
        kept.removeFirst(end)
    }

    /// The kept values, sorted, with the summary, ready for a ``ScoreSet``.
    consuming func finish() -> (kept: [Double], summarised: Int, maximum: Double, minimum: Double) {
        cut()
        RadixSort.sort(&kept)
        return (kept, summarised, summaryMaximum, summaryMinimum)
    }
}
