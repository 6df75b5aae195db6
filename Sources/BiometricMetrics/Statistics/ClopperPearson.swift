#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Clopper–Pearson exact binomial confidence bounds for an error rate.
///
/// Clopper & Pearson, "The use of confidence or fiducial limits illustrated in the case of the binomial",
/// Biometrika 26 (1934); the interval ISO/IEC 19795-1:2006 and FIDO's biometric requirements (80 % one-sided upper
/// bounds) rely on for error rates estimated from independent trials. With k errors in n trials:
///
/// - one-sided upper bound at level C: the C-quantile of Beta(k + 1, n − k), or 1 when k = n;
/// - two-sided interval at level C: [B((1−C)/2; k, n − k + 1), B((1+C)/2; k + 1, n − k)], with lower 0 when k = 0
///   and upper 1 when k = n (`scipy.stats.beta.ppf`, statsmodels `proportion_confint(method="beta")`).
///
/// The bounds are *conservative*: coverage is at least C for every true rate. They assume independent trials;
/// when comparisons share subjects use ``SubjectBootstrap`` as well. With no trials the interval is [0, 1].
public enum ClopperPearson {
    /// The one-sided upper bound at `confidence`.
    ///
    /// - Parameters:
    ///   - count: errors and trials.
    ///   - confidence: C in (0, 1).
    /// - Returns: [0, upper], labelled ``IntervalMethod/clopperPearson`` and ``IntervalSides/upperOneSided``.
    /// - Throws: `.invalidParameter` for a confidence outside (0, 1).
    public static func upperBound(_ count: ErrorCount, confidence: Double) throws(MetricsError) -> RateInterval {
        try RateInterval.checkConfidence(confidence)
        return RateInterval(
            lower: 0, upper: upper(errors: Double(count.errors), trials: Double(count.trials), probability: confidence),
            confidence: confidence, sides: .upperOneSided, method: .clopperPearson)
    }

    /// The two-sided interval at `confidence`.
    ///
    /// - Parameters:
    ///   - count: errors and trials.
    ///   - confidence: C in (0, 1); each tail holds (1 − C)/2.
    /// - Returns: [lower, upper], labelled ``IntervalMethod/clopperPearson`` and ``IntervalSides/twoSided``.
    /// - Throws: `.invalidParameter` for a confidence outside (0, 1).
    public static func interval(_ count: ErrorCount, confidence: Double) throws(MetricsError) -> RateInterval {
        try RateInterval.checkConfidence(confidence)
        let k = Double(count.errors)
        let n = Double(count.trials)
        let tail = (1 - confidence) / 2
        let lower = count.errors == 0 ? 0 : BetaDistribution.quantile(tail, a: k, b: n - k + 1)
        return RateInterval(
            lower: lower, upper: upper(errors: k, trials: n, probability: 1 - tail), confidence: confidence,
            sides: .twoSided, method: .clopperPearson)
    }

    /// The upper bound for a possibly fractional error count (the Beta form interpolates between integers).
    static func upper(errors k: Double, trials n: Double, probability: Double) -> Double {
        if n <= 0 || k >= n { return 1 }
        return BetaDistribution.quantile(probability, a: k + 1, b: n - k)
    }

    /// How many trials in total would show `limit` at `confidence` if the observed rate held.
    ///
    /// Solves the one-sided Clopper–Pearson bound for n: the smallest n with upper(p̂·n, n) ≤ limit, where the
    /// error count p̂·n may be fractional (the Beta-quantile form of the bound is continuous in it). With p̂ = 0 this
    /// is ⌈ln(1 − C) / ln(1 − limit)⌉ exactly (≈ the rule of 3's n = 3/limit at 95 %).
    ///
    /// - Parameters:
    ///   - observedRate: p̂ in [0, 1].
    ///   - limit: the requirement's limit in (0, 1].
    ///   - confidence: C in (0, 1).
    /// - Returns: the total number of trials, or `nil` when no number suffices (p̂ ≥ limit) or it exceeds 10^15.
    /// - Throws: `.invalidParameter` for arguments outside their domains.
    /// - Complexity: O(log n) bound evaluations.
    public static func trialsNeeded(observedRate: Double, limit: Double, confidence: Double) throws(MetricsError)
        -> Int?
    {
        try RateInterval.checkConfidence(confidence)
        guard observedRate >= 0, observedRate <= 1, limit > 0, limit <= 1 else {
            throw MetricsError(
                .invalidParameter, "observed rate \(observedRate) must be in [0, 1] and limit \(limit) in (0, 1]")
        }
        if limit >= 1 { return 1 }
        guard observedRate < limit else { return nil }
        if observedRate == 0 {
            let n = (log1p(-confidence) / log1p(-limit)).rounded(.up)
            return n <= 1e15 ? Swift.max(1, Int(n)) : nil
        }
        func shows(_ n: Double) -> Bool {
            upper(errors: observedRate * n, trials: n, probability: confidence) <= limit
        }
        var high = 1.0
        while !shows(high) {
            high *= 2
            if high > 1e15 { return nil }
        }
        var low = high / 2  // does not show (or is < 1)
        while high - low > 1 {
            let middle = (low + (high - low) / 2).rounded(.down)
            if shows(middle) { high = middle } else { low = middle }
        }
        return Int(high)
    }
}

/// Upper bounds for an error rate when no errors were observed.
///
/// With zero errors in n independent trials, P(0 errors) = (1 − p)ⁿ ≈ e^(−pn), so the one-sided upper bound at level
/// C is about −ln(1 − C)/n: 3/n at 95 % (the "rule of 3", Jovanovic & Levy, The American Statistician 51(2),
/// 1997; Mansfield & Wayman, *Best Practices in Testing and Reporting Performance of Biometric Devices* v2.01,
/// 2002, §7; ISO/IEC 19795-1:2006 annex on test size), 2.30/n at 90 %, 1.61/n at 80 %. The exact Clopper–Pearson
/// bound 1 − (1 − C)^(1/n) is slightly smaller; facecert verdicts use Clopper–Pearson and reports may quote these
/// for comparison with documents that use them.
public enum ZeroErrorBound {
    /// 3 / n: the rule of 3, labelled confidence 0.95 (exact level 1 − e⁻³ = 95.02 %). Only valid with zero errors.
    ///
    /// - Throws: `.invalidCount` when `trials <= 0`.
    public static func ruleOfThree(trials: Int) throws(MetricsError) -> RateInterval {
        guard trials > 0 else { throw MetricsError(.invalidCount, "the rule of 3 needs at least one trial") }
        return RateInterval(
            lower: 0, upper: Swift.min(1, 3 / Double(trials)), confidence: 0.95, sides: .upperOneSided,
            method: .ruleOfThree)
    }

    /// −ln(1 − C) / n: the rule of 3 with the multiplier for level C. Only valid with zero errors.
    ///
    /// - Throws: `.invalidCount` when `trials <= 0`; `.invalidParameter` for a confidence outside (0, 1).
    public static func upperBound(trials: Int, confidence: Double) throws(MetricsError) -> RateInterval {
        try RateInterval.checkConfidence(confidence)
        guard trials > 0 else { throw MetricsError(.invalidCount, "a zero-error bound needs at least one trial") }
        return RateInterval(
            lower: 0, upper: Swift.min(1, -log1p(-confidence) / Double(trials)), confidence: confidence,
            sides: .upperOneSided, method: .zeroErrorMultiplier)
    }

    /// The multiplier −ln(1 − C): 1.609 at 80 %, 2.303 at 90 %, 2.996 at 95 %, 4.605 at 99 %.
    public static func multiplier(confidence: Double) -> Double { -log1p(-confidence) }

    /// Trials needed to show `limit` at `confidence` with zero errors by the multiplier rule: ⌈−ln(1 − C)/limit⌉.
    ///
    /// - Throws: `.invalidParameter` for a limit outside (0, 1] or a confidence outside (0, 1).
    public static func trialsNeeded(limit: Double, confidence: Double) throws(MetricsError) -> Int {
        try RateInterval.checkConfidence(confidence)
        guard limit > 0, limit <= 1 else {
            throw MetricsError(.invalidParameter, "limit \(limit) must be in (0, 1]")
        }
        return Int((-log1p(-confidence) / limit).rounded(.up))
    }
}
