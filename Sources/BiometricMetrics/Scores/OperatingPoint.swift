/// FNMR at a target FMR: the operating point of the most permissive threshold whose FMR does not exceed the target.
///
/// **Definition.** Candidate thresholds are the distinct scores and ±∞. For a target x, let k be the largest integer
/// with k / N ≤ x (N non-mated scores): at most k false matches are allowed. The threshold is the most permissive
/// candidate with FMR ≤ x: the smallest score (of either set) strictly above the (k+1)-th largest non-mated score,
/// or +∞ when there is none; with k ≥ N (x = 1) it is −∞ (every comparison accepted; +∞ for distance scores).
/// FNMR is read there (inclusive thresholds, failures excluded, ISO/IEC 19795-1:2006 clause 4.6). This equals the minimum FNMR over the points of
/// scikit-learn's `roc_curve` / `det_curve` with FPR ≤ x, and NIST FRTE 1:1's "FNMR at FMR = x" where the
/// threshold is set on the non-mated scores.
///
/// **Reachability.** The target is *reachable* iff k ≥ 1, i.e. N ≥ 1/x: at least one false match is allowed, so
/// the threshold is set by the non-mated distribution rather than by its maximum alone. When x < 1/N the only
/// threshold with FMR ≤ x is one above every non-mated score (FMR = 0); the point is still computed (it is the
/// FNMR at FMR = 0) but ``isReachable`` is false, and reports must say "not reachable with N non-mated
/// comparisons" instead of quoting it as FNMR at FMR = x. NIST FRTE reports likewise leave FMR targets below 1/N
/// blank.
public struct OperatingPoint: Sendable, Hashable, Codable {
    /// The FMR target x.
    public let targetFMR: Double
    /// Whether N ≥ 1/x (see the type's discussion).
    public let isReachable: Bool
    /// The threshold, in the caller's units (+∞ when it must exceed every score).
    public let threshold: Double
    /// False matches at the threshold over non-mated scored; the achieved FMR is ≤ ``targetFMR``.
    public let falseMatches: ErrorCount
    /// False non-matches at the threshold over mated scored.
    public let falseNonMatches: ErrorCount

    /// Achieved FMR (≤ target), `nil` with no non-mated scores.
    public var fmr: Double? { falseMatches.rate }
    /// FNMR at the threshold, `nil` with no mated scores.
    public var fnmr: Double? { falseNonMatches.rate }
    /// The smallest non-mated count at which the target becomes reachable: ⌈1/x⌉.
    public var nonMatedNeeded: Int { Int((1 / targetFMR).rounded(.up)) }
}

extension ScoreSet {
    /// The FMR targets NIST FRTE 1:1 reports: 10^-2 … 10^-6.
    public static let standardFMRTargets: [Double] = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]

    /// FNMR at FMR = `targetFMR`, as ``OperatingPoint`` defines it.
    ///
    /// - Parameter targetFMR: x, in `(0, 1]`.
    /// - Returns: the operating point; with no non-mated scores it is unreachable, at threshold +∞, FMR 0 of 0.
    /// - Throws: `.invalidParameter` when `targetFMR` is not in `(0, 1]`; `.inexact` when the set came from a
    ///   ``NonMatedTail`` that kept fewer than k + 1 scores (raise its capacity to ⌈x·N⌉ + 1).
    /// - Complexity: O(log(M + N)).
    public func operatingPoint(atFMR targetFMR: Double) throws(MetricsError) -> OperatingPoint {
        guard targetFMR > 0, targetFMR <= 1 else {
            throw MetricsError(
                .invalidParameter, "FMR target \(targetFMR) is outside (0, 1]; pass e.g. 0.001 for FMR = 10^-3")
        }
        let n = nonMatedCount
        // Largest k with Double(k)/Double(n) <= x, the same division FMR values are reported with.
        var allowed = Int((targetFMR * Double(n)).rounded(.down))
        while allowed < n, Double(allowed + 1) / Double(n) <= targetFMR { allowed += 1 }
        while allowed > 0, Double(allowed) / Double(n) > targetFMR { allowed -= 1 }
        let value: Double
        if n == 0 {
            value = .infinity
        } else if allowed >= n {
            value = -.infinity
        } else {
            // The (k+1)-th largest non-mated score; kept scores are all above the summarised ones.
            let index = nonMated.count - allowed - 1
            guard index >= 0 else {
                throw MetricsError(
                    .inexact,
                    "FNMR at FMR = \(targetFMR) needs the \(allowed + 1) largest non-mated scores but the NonMatedTail "
                        + "kept \(nonMated.count) of \(n); raise its capacity to at least \(allowed + 1)")
            }
            let cut = nonMated[index]
            let nextMated = Self.countAtOrBelow(mated, cut)
            let nextNonMated = Self.countAtOrBelow(nonMated, cut)
            value = Swift.min(
                nextMated < mated.count ? mated[nextMated] : .infinity,
                nextNonMated < nonMated.count ? nonMated[nextNonMated] : .infinity)
        }
        return OperatingPoint(
            targetFMR: targetFMR,
            isReachable: n > 0 && allowed >= 1,
            threshold: unoriented(value),
            falseMatches: ErrorCount(
                unchecked: value == -.infinity ? n : nonMated.count - Self.countBelow(nonMated, value), n),
            falseNonMatches: ErrorCount(unchecked: Self.countBelow(mated, value), mated.count))
    }
}
