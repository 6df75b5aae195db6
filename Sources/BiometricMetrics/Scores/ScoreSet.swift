/// Mated and non-mated comparison scores, sorted once, answering error-rate queries by binary search.
///
/// This is the store every metric in the module reads. It is built for scale:
///
/// - **Memory.** Each score is held once as a `Double` (8 bytes) in an array sorted in place by an MSD radix sort
///   that needs no scratch buffer, so construction and queries stay at 8 bytes per score plus O(1). Pass the
///   arrays with `consume` (or let them be uniquely referenced) to avoid a copy. 10^7 non-mated scores take 80 MB.
/// - **Exactness.** Every score is kept, so every rate is exact at every threshold, including the far tail where
///   certification limits sit (FMR ≤ 10^-2 … 10^-6). facecert deliberately does not summarise the bulk of the
///   non-mated distribution in a histogram: a summary makes EER and FNMR at FMR ≥ 10^-2 approximate and gains
///   nothing below 16 bytes per score. Beyond about 10^9 comparisons, stream the scores through a selection of the
///   upper tail (keep the largest ⌈FMR·N⌉ non-mated scores exactly and count the rest) before building a set; the
///   rates this module reports at FMR ≤ that fraction are then unchanged.
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
    public var nonMatedCount: Int { nonMated.count }
    /// Mated comparisons attempted: scored plus failed.
    public var matedAttempts: Int { mated.count + failures.mated }
    /// Non-mated comparisons attempted: scored plus failed.
    public var nonMatedAttempts: Int { nonMated.count + failures.nonMated }

    /// The smallest and largest score in the caller's units, or `nil` when the set has no scores.
    public var scoreRange: ClosedRange<Double>? {
        let lows = [mated.first, nonMated.first].compactMap { $0 }
        let highs = [mated.last, nonMated.last].compactMap { $0 }
        guard let low = lows.min(), let high = highs.max() else { return nil }
        return kind == .similarity ? low...high : -high...(-low)
    }

    /// The mated scores in the caller's units, ascending by acceptance (least similar first).
    public var matedScores: [Double] { kind == .similarity ? mated : mated.map { -$0 } }
    /// The non-mated scores in the caller's units, ascending by acceptance (least similar first).
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
    /// - Throws: `.invalidParameter` when `threshold` is NaN.
    /// - Complexity: O(log n).
    public func falseMatches(at threshold: Double) throws(MetricsError) -> ErrorCount {
        try Self.checkThreshold(threshold)
        let accepted = nonMated.count - Self.countBelow(nonMated, oriented(threshold))
        return ErrorCount(unchecked: accepted, nonMated.count)
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
