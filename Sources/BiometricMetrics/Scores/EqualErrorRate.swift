/// The equal error rate of a score set, with the threshold that gives it and the FVC interval.
///
/// **Definition (facecert, issue 5).** Over the candidate thresholds T = {−∞} ∪ {every distinct score} ∪ {+∞},
/// t* minimises |FMR(t) − FNMR(t)|, and EER = (FMR(t*) + FNMR(t*)) / 2. Thresholds are inclusive (a score equal to
/// t is accepted). Because FMR − FNMR strictly decreases from one candidate to the next, t* is one of the two
/// candidates around the crossing; if both are equally close, the higher (stricter) threshold is taken, as
/// bob.measure's `eer_threshold` does. All comparisons are made on exact integer counts, never on rounded ratios.
///
/// **FVC interval.** Maio et al., "FVC2000: Fingerprint verification competition", IEEE TPAMI 24(3), 2002, §4, as
/// pyeer's `get_eer_values` computes it: t₂ is the first candidate with FMR ≤ FNMR, t₁ the one before it (or t₂
/// itself when FMR(t₂) = FNMR(t₂)); the interval is [FNMR(t₁), FMR(t₁)] if FMR(t₁) + FNMR(t₁) ≤ FMR(t₂) + FNMR(t₂),
/// else [FMR(t₂), FNMR(t₂)]. pyeer sweeps only the distinct scores; facecert adds ±∞, which changes the result
/// only when the curves cross outside the range of the scores.
///
/// FMR and FNMR here are comparison-level rates (failures excluded), ISO/IEC 19795-1:2006 clause 4.6.
public struct EqualErrorRate: Sendable, Hashable, Codable {
    /// (FMR(t*) + FNMR(t*)) / 2.
    public let value: Double
    /// t* in the caller's score units (±∞ when the curves cross outside the scores).
    public let threshold: Double
    /// False matches at t* over non-mated scored.
    public let falseMatches: ErrorCount
    /// False non-matches at t* over mated scored.
    public let falseNonMatches: ErrorCount
    /// Lower end of the FVC2000 interval [EERlow, EERhigh].
    public let fvcLow: Double
    /// Upper end of the FVC2000 interval [EERlow, EERhigh].
    public let fvcHigh: Double
    /// The threshold at which pyeer reports the FVC interval, in the caller's units.
    public let fvcThreshold: Double

    /// FMR(t*).
    public var fmr: Double { falseMatches.rate ?? 0 }
    /// FNMR(t*).
    public var fnmr: Double { falseNonMatches.rate ?? 0 }
    /// (EERlow + EERhigh) / 2, the FVC / pyeer EER.
    public var fvcValue: Double { (fvcLow + fvcHigh) / 2 }
}

extension ScoreSet {
    /// The equal error rate as ``EqualErrorRate`` defines it.
    ///
    /// - Returns: `nil` when there are no mated or no non-mated scores (FNMR or FMR is undefined), or when the set
    ///   came from a ``NonMatedTail`` and the crossing lies among the summarised scores.
    /// - Complexity: O(M + N) worst case; the merge pass stops at the crossing.
    public func equalErrorRate() -> EqualErrorRate? {
        let m = mated.count
        let n = nonMatedCount
        guard m > 0, n > 0 else { return nil }
        // diff(t) · M · N = FM·M − FNM·N, exact in Int.
        var previous: SweepPoint?
        var crossing: SweepPoint?
        sweep { point in
            if point.falseMatches * m - point.falseNonMatches * n <= 0 {
                crossing = point
                return false
            }
            previous = point
            return true
        }
        // +∞ always has FM = 0 ≤ FNM, and −∞ has FM·M = N·M > 0, so both exist.
        guard let t2 = crossing, let before = previous, t2.isExact, before.isExact else { return nil }
        // With summarised scores, unseen candidates may lie between −∞ and the first kept one.
        if summarisedNonMatedCount > 0, before.value == -.infinity { return nil }
        let d2 = t2.falseMatches * m - t2.falseNonMatches * n
        let d1 = before.falseMatches * m - before.falseNonMatches * n
        let sum2 = t2.falseMatches * m + t2.falseNonMatches * n
        // Ties go to the stricter threshold t2.
        let chosen = abs(d1) < abs(d2) ? before : t2
        let value = (Double(chosen.falseMatches) / Double(n) + Double(chosen.falseNonMatches) / Double(m)) / 2

        let t1 = d2 == 0 ? t2 : before
        let fvcLow: Double
        let fvcHigh: Double
        let fvcPoint: SweepPoint
        let fvcSum1 = t1.falseMatches * m + t1.falseNonMatches * n
        if fvcSum1 <= sum2 {
            fvcPoint = t1
            fvcLow = Double(t1.falseNonMatches) / Double(m)
            fvcHigh = Double(t1.falseMatches) / Double(n)
        } else {
            fvcPoint = t2
            fvcLow = Double(t2.falseMatches) / Double(n)
            fvcHigh = Double(t2.falseNonMatches) / Double(m)
        }
        return EqualErrorRate(
            value: value,
            threshold: unoriented(chosen.value),
            falseMatches: ErrorCount(unchecked: chosen.falseMatches, n),
            falseNonMatches: ErrorCount(unchecked: chosen.falseNonMatches, m),
            fvcLow: fvcLow,
            fvcHigh: fvcHigh,
            fvcThreshold: unoriented(fvcPoint.value))
    }
}
