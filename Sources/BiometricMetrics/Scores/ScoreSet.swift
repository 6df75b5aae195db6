/// Mated and non-mated comparison scores, sorted once, answering error-rate queries by binary search.
///
/// This is the store every metric in the module reads. It is built for scale:
///
/// - **Memory.** Each score is held once as a `Double` (8 bytes) in an array sorted in place by an MSD radix sort
///   that needs no scratch buffer, so construction and queries stay at 8 bytes per score plus O(1). Pass the
///   arrays with `consume` (or let them be uniquely referenced) to avoid a copy. 10^7 non-mated scores take 80 MB.
/// - **Exactness.** By default every score is kept, so every rate is exact at every threshold, including the far
///   tail where certification limits sit (FMR ≤ 10^-2 … 10^-6), and the EER wherever it falls. 8 bytes per score
///   is already under the 16-byte budget, so facecert does not approximate the bulk with a histogram.
/// - **Bounded memory.** For non-mated sets too large to hold (beyond about 10^9), stream them through a
///   ``NonMatedTail`` that keeps the largest `capacity` scores exactly and counts the rest, and build the set with
///   ``init(mated:nonMatedTail:failures:)``: memory is then 16·capacity bytes whatever N, every answer at
///   thresholds stricter than the summarised scores is identical to the full set's, and queries that would need
///   the summarised bulk throw `.inexact` instead of guessing. Capacity ⌈x·N⌉ + 1 keeps FNMR at every FMR ≤ x
///   exact (x = 10^-2 costs 0.08 bytes per non-mated score).
/// - **Speed.** FMR(t) and FNMR(t) are two binary searches, O(log n); EER, FNMR at FMR and the DET curve are one
///   merge pass, O(n).
///
/// Scores are oriented internally so that a comparison is accepted iff its oriented value is at least the oriented
/// threshold: similarity scores as given, distance scores negated. Thresholds passed in and returned are always
/// in the caller's score units.
///
/// Definitions follow ISO/IEC 19795-1:2006 clause 4.6 (2021: clause 3.5 terms): a *mated* comparison compares
/// samples of the same subject, a *non-mated* comparison samples of different subjects.
public struct ScoreSet: Sendable {
    /// How the scores are read: similarity (accept iff `score >= t`) or distance (accept iff `score <= t`).
    public let kind: ScoreKind
    /// Oriented mated values (`score` for similarity, `-score` for distance), ascending.
    let mated: [Double]
    /// Oriented non-mated values, ascending.
    let nonMated: [Double]
    /// Comparisons attempted that produced no score.
    public let failures: ComparisonFailures
    /// Non-mated scores summarised as a count by a ``NonMatedTail`` (0 for a set built from every score).
    public let summarisedNonMatedCount: Int
    /// Oriented: every summarised score is ≤ this, every kept non-mated score is > it (−∞ when none).
    let summaryMaximum: Double
    /// Oriented: every summarised score is ≥ this (+∞ when none).
    let summaryMinimum: Double

    /// Creates a score set, validating and sorting the scores.
    ///
    /// - Parameters:
    ///   - mated: scores of mated comparisons that produced a score, in any order.
    ///   - nonMated: scores of non-mated comparisons that produced a score, in any order.
    ///   - kind: how to read the scores; similarity by default.
    ///   - failures: comparisons attempted that produced no score (see ``ComparisonFailures``).
    /// - Throws: `MetricsError.Code.nonFiniteScore` naming the first NaN or infinite score and its index (a failed
    ///   comparison must be counted in `failures`, never encoded as a score); `.invalidCount` for negative
    ///   failure counts.
    /// - Complexity: O(n) expected (radix sort), no extra memory beyond the arrays passed in.
    public init(
        mated: consuming [Double], nonMated: consuming [Double], kind: ScoreKind = .similarity,
        failures: ComparisonFailures = .none
    ) throws(MetricsError) {
        guard failures.mated >= 0, failures.nonMated >= 0 else {
            throw MetricsError(
                .invalidCount,
                "comparison failure counts must not be negative (mated \(failures.mated), non-mated "
                    + "\(failures.nonMated))")
        }
        var matedValues = mated
        var nonMatedValues = nonMated
        try Self.orient(&matedValues, kind: kind, name: "mated")
        try Self.orient(&nonMatedValues, kind: kind, name: "non-mated")
        RadixSort.sort(&matedValues)
        RadixSort.sort(&nonMatedValues)
        self.kind = kind
        self.mated = matedValues
        self.nonMated = nonMatedValues
        self.failures = failures
        self.summarisedNonMatedCount = 0
        self.summaryMaximum = -.infinity
        self.summaryMinimum = .infinity
    }

    /// Creates a score set whose non-mated scores went through a bounded-memory ``NonMatedTail``.
    ///
    /// Everything at thresholds stricter than ``summarisedNonMatedBoundary`` is exact and equal to what the full
    /// set would give; queries that need the summarised bulk throw `MetricsError.Code.inexact` (``equalErrorRate()``
    /// returns `nil`, ``detCurve(maxPoints:)`` stops at the boundary).
    ///
    /// - Parameters:
    ///   - mated: mated scores, in any order (kept in full: mated sets are small).
    ///   - nonMatedTail: the accumulated non-mated scores; its ``NonMatedTail/kind`` is the set's kind.
    ///   - failures: comparisons attempted that produced no score.
    /// - Throws: `.nonFiniteScore` for a NaN or infinite mated score, `.invalidCount` for negative failures.
    public init(mated: consuming [Double], nonMatedTail: consuming NonMatedTail, failures: ComparisonFailures = .none)
        throws(MetricsError)
    {
        let kind = nonMatedTail.kind
        let tail = nonMatedTail.finish()
        let plain = try ScoreSet(mated: mated, nonMated: [], kind: kind, failures: failures)
        self.kind = kind
        self.mated = plain.mated
        self.nonMated = tail.kept
        self.failures = failures
        self.summarisedNonMatedCount = tail.summarised
        self.summaryMaximum = tail.maximum
        self.summaryMinimum = tail.minimum
    }

    /// The threshold (caller's units) at and beyond which — towards more permissive — non-mated scores were
    /// summarised; thresholds strictly stricter than it are exact. `nil` when every score is kept.
    public var summarisedNonMatedBoundary: Double? {
        summarisedNonMatedCount > 0 ? unoriented(summaryMaximum) : nil
    }

    /// Whether FMR at an oriented threshold is known exactly.
    @inline(__always)
    func isExact(oriented value: Double) -> Bool {
        summarisedNonMatedCount == 0 || value > summaryMaximum || value == -.infinity
    }

    func checkExact(oriented value: Double) throws(MetricsError) {
        guard isExact(oriented: value) else {
            throw MetricsError(
                .inexact,
                "threshold \(unoriented(value)) is not stricter than \(unoriented(summaryMaximum)), where "
                    + "\(summarisedNonMatedCount) non-mated scores were summarised as a count; raise the "
                    + "NonMatedTail capacity or use a stricter threshold")
        }
    }

    private static func orient(_ values: inout [Double], kind: ScoreKind, name: String) throws(MetricsError) {
        let sign: Double = kind == .similarity ? 1 : -1
        var bad: Int?
        values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                let value = buffer[index]
                if !value.isFinite {
                    bad = index
                    return
                }
                // + 0.0 turns −0 into +0 so that equal scores have equal keys.
                buffer[index] = sign * value + 0.0
            }
        }
        if let bad {
            throw MetricsError(
                .nonFiniteScore,
                "\(name) score at index \(bad) is \(values[bad] * sign); scores must be finite. Record a comparison "
                    + "that produced no score as a failure (ComparisonFailures), not as NaN or infinity")
        }
    }

    // MARK: Counts

    /// Mated comparisons that produced a score.
    public var matedCount: Int { mated.count }
    /// Non-mated comparisons that produced a score.
    public var nonMatedCount: Int { nonMated.count + summarisedNonMatedCount }
    /// Mated comparisons attempted: scored plus failed.
    public var matedAttempts: Int { mated.count + failures.mated }
    /// Non-mated comparisons attempted: scored plus failed.
    public var nonMatedAttempts: Int { nonMatedCount + failures.nonMated }

    /// The smallest and largest score in the caller's units, or `nil` when the set has no scores.
    public var scoreRange: ClosedRange<Double>? {
        let summary = summarisedNonMatedCount > 0 ? [summaryMinimum, summaryMaximum] : []
        let lows = ([mated.first, nonMated.first].compactMap { $0 } + summary)
        let highs = ([mated.last, nonMated.last].compactMap { $0 } + summary)
        guard let low = lows.min(), let high = highs.max() else { return nil }
        return kind == .similarity ? low...high : -high...(-low)
    }

    /// The mated scores in the caller's units, ascending by acceptance (least similar first).
    public var matedScores: [Double] { kind == .similarity ? mated : mated.map { -$0 } }
    /// The non-mated scores in the caller's units, ascending by acceptance (least similar first); only the kept
    /// tail when built from a ``NonMatedTail``.
    public var nonMatedScores: [Double] { kind == .similarity ? nonMated : nonMated.map { -$0 } }

    /// Oriented value of a threshold in the caller's units.
    @inline(__always)
    func oriented(_ threshold: Double) -> Double { kind == .similarity ? threshold : -threshold }

    /// Threshold in the caller's units from an oriented value.
    @inline(__always)
    func unoriented(_ value: Double) -> Double { kind == .similarity ? value : -value }

    static func checkThreshold(_ threshold: Double) throws(MetricsError) {
        guard !threshold.isNaN else {
            throw MetricsError(.invalidParameter, "threshold is NaN; pass a number (±infinity is allowed)")
        }
    }

    /// Number of elements of the ascending array `values` that are `< value`.
    @inline(__always)
    static func countBelow(_ values: [Double], _ value: Double) -> Int {
        values.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low &+ high) >> 1
                if buffer[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Number of elements of the ascending array `values` that are `<= value`.
    @inline(__always)
    static func countAtOrBelow(_ values: [Double], _ value: Double) -> Int {
        values.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low &+ high) >> 1
                if buffer[middle] <= value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Non-mated comparisons accepted at `threshold` (inclusive), out of the non-mated comparisons scored.
    ///
    /// FMR(t) = |{non-mated s : s accepted at t}| / |non-mated scored| (ISO/IEC 19795-1:2006 clause 4.6).
    /// Inclusive: a score equal to the threshold is accepted. Empty set: 0 of 0 (rate `nil`).
    ///
    /// - Throws: `.invalidParameter` when `threshold` is NaN; `.inexact` when the set came from a
    ///   ``NonMatedTail`` and the threshold is not stricter than ``summarisedNonMatedBoundary``.
    /// - Complexity: O(log n).
    public func falseMatches(at threshold: Double) throws(MetricsError) -> ErrorCount {
        try Self.checkThreshold(threshold)
        let value = oriented(threshold)
        try checkExact(oriented: value)
        let accepted = value == -.infinity ? nonMatedCount : nonMated.count - Self.countBelow(nonMated, value)
        return ErrorCount(unchecked: accepted, nonMatedCount)
    }

    /// Mated comparisons rejected at `threshold`, out of the mated comparisons scored.
    ///
    /// FNMR(t) = |{mated s : s not accepted at t}| / |mated scored| (ISO/IEC 19795-1:2006 clause 4.6).
    /// Inclusive: a score equal to the threshold is accepted, so it is not a false non-match. Empty set: 0 of 0.
    ///
    /// - Throws: `.invalidParameter` when `threshold` is NaN.
    /// - Complexity: O(log n).
    public func falseNonMatches(at threshold: Double) throws(MetricsError) -> ErrorCount {
        try Self.checkThreshold(threshold)
        return ErrorCount(unchecked: Self.countBelow(mated, oriented(threshold)), mated.count)
    }

    /// The error count behind `metric` at `threshold`, with the formula that metric uses.
    ///
    /// - ``ErrorMetric/fmr``: accepted non-mated / non-mated scored (failures excluded).
    /// - ``ErrorMetric/fnmr``: rejected mated / mated scored (failures excluded).
    /// - ``ErrorMetric/far`` (generalised, ISO/IEC 19795-1:2006 clause 4.6): accepted non-mated / non-mated
    ///   attempted, which equals FMR · (1 − FTA) with FTA the non-mated failure fraction: a failed non-mated
    ///   comparison counts as a non-match.
    /// - ``ErrorMetric/frr`` (generalised, ISO/IEC 19795-1:2006 clause 4.6): (failed mated + rejected mated) /
    ///   mated attempted, which equals FTA + FNMR · (1 − FTA) with FTA the mated failure fraction: a failed
    ///   template is a rejection of every mated comparison it takes part in.
    ///
    /// - Throws: `.invalidParameter` for ``ErrorMetric/fte`` and ``ErrorMetric/fta`` (they are counted over
    ///   enrolment and acquisition attempts, not read from scores: pass them as ``ErrorCount`` values) or a NaN
    ///   threshold.
    /// - Complexity: O(log n).
    public func errorCount(_ metric: ErrorMetric, at threshold: Double) throws(MetricsError) -> ErrorCount {
        switch metric {
        case .fmr:
            return try falseMatches(at: threshold)
        case .fnmr:
            return try falseNonMatches(at: threshold)
        case .far:
            let accepted = try falseMatches(at: threshold).errors
            return ErrorCount(unchecked: accepted, nonMatedAttempts)
        case .frr:
            let rejected = try falseNonMatches(at: threshold).errors
            return ErrorCount(unchecked: rejected + failures.mated, matedAttempts)
        case .fte, .fta:
            throw MetricsError(
                .invalidParameter,
                "\(metric.rawValue) is counted over enrolment or acquisition attempts, not read from comparison "
                    + "scores; pass its count as an ErrorCount")
        }
    }
}
