import BiometricMetrics
import ConformanceVectors

extension PlanRequirement {
    /// The requirement of a profile, as the runner (and `facecert score`) judges it.
    ///
    /// - Parameter requirement: A requirement of a ``ConformanceVectors/ThresholdProfile``.
    public init(_ requirement: ProfileRequirement) {
        self.init(
            id: requirement.id, metric: requirement.metric, limit: requirement.limit,
            confidence: requirement.confidence, level: requirement.level, limitInclusive: requirement.limitInclusive,
            operatingPoint: requirement.operatingPoint)
    }

    /// Judges this requirement on a set of scores: the one implementation behind `facecert run` and `facecert score`.
    ///
    /// Steps:
    /// 1. The threshold: a requirement at an FMR target is read at the most permissive threshold with FMR ≤ target
    ///    on these scores (``BiometricMetrics/ScoreSet/operatingPoint(atFMR:)``, NIST FRTE's "FNMR at FMR"); one at
    ///    the declared threshold is read at `declaredThreshold`, and is inconclusive without one (a threshold chosen
    ///    on the same scores would make it circular). FTE and FTA need no threshold.
    /// 2. BiometricMetrics' rule (``BiometricMetrics/RequirementEvaluation``: below the minimum sample sizes or no
    ///    trials → inconclusive; observed > limit → fail; one-sided Clopper–Pearson upper bound ≤ limit → pass;
    ///    else inconclusive).
    /// 3. A strict limit (`<`, ``limitInclusive`` false): an observed rate equal to the limit fails, and an upper
    ///    bound equal to it does not pass.
    ///
    /// FTE and FTA are counted from template creations, which a score set does not hold: without their count in
    /// `enrolmentAndAcquisition` they are inconclusive and "not judged" (a score file has no enrolment data).
    ///
    /// - Parameters:
    ///   - scores: The mated and non-mated scores with their failed comparisons.
    ///   - declaredThreshold: The operating threshold declared before the scores were seen (the caller's
    ///     `--threshold` or the matcher's own), for requirements at the declared threshold; `nil` when none.
    ///   - minimumSampleSizesMet: Whether the sample reaches the profile's minimum sample sizes.
    ///   - enrolmentAndAcquisition: FTE and FTA counts, when known.
    /// - Returns: The result as reports show it, with a one-sentence explanation.
    /// - Complexity: O(n) in the number of scores for a requirement at an FMR target (the sweep of the sorted
    ///   scores), O(log n) at a fixed threshold.
    public func judge(
        scores: ScoreSet, declaredThreshold: Double?, minimumSampleSizesMet: Bool,
        enrolmentAndAcquisition: [ErrorMetric: ErrorCount]
    ) -> ConformanceReport.RequirementResult {
        let requirement = self
        let percent = RunMetrics.percent
        func undecided(_ explanation: String) -> ConformanceReport.RequirementResult {
            ConformanceReport.RequirementResult(
                id: requirement.id, metric: requirement.metric, level: requirement.level, limit: requirement.limit,
                observed: nil, errors: 0, trials: 0, lower: nil, upper: nil, confidence: requirement.confidence,
                method: "none", verdict: .inconclusive, additionalTrialsNeeded: nil, explanation: explanation)
        }
        let isRateOnScores = requirement.metric != .fte && requirement.metric != .fta
        if !isRateOnScores && enrolmentAndAcquisition[requirement.metric] == nil {
            return undecided(
                "Not judged: a score file has no enrolment data (\(requirement.metric.rawValue) counts template "
                    + "creations, which `facecert run` records).")
        }
        var threshold = declaredThreshold
        var where_ = "at the run's threshold"
        if case .fmrTarget(let target) = requirement.operatingPoint {
            guard let point = try? scores.operatingPoint(atFMR: target) else {
                return undecided("No FMR target \(target).")
            }
            guard point.isReachable, point.threshold.isFinite else {
                return undecided(
                    "FMR = \(target) cannot be resolved with \(scores.nonMatedCount) non-mated scores (needs "
                        + "\(point.nonMatedNeeded)).")
            }
            threshold = point.threshold
            where_ = "at the threshold reaching FMR ≤ \(percent(target))"
        }
        if !isRateOnScores { where_ = "of the images expected to enrol" }
        if isRateOnScores && threshold == nil {
            return undecided(
                "No declared operating threshold: the matcher declares none and no --threshold was given; a "
                    + "threshold chosen on this suite would make this requirement circular.")
        }
        let evaluation: RequirementEvaluation
        do {
            evaluation = try scores.evaluate(
                RateRequirement(
                    metric: requirement.metric, limit: requirement.limit, confidence: requirement.confidence,
                    level: requirement.level),
                threshold: threshold ?? 0, minimumSampleSizeSatisfied: minimumSampleSizesMet,
                enrolmentAndAcquisition: enrolmentAndAcquisition)
        } catch {
            return undecided("Cannot be judged: \(error.message)")
        }
        var verdict = evaluation.verdict
        var reason = evaluation.reason
        let observed = evaluation.observed
        let upper = evaluation.upperBound?.upper
        // A strict limit ("< 5 %"): equal to the limit fails, and a bound equal to it does not pass.
        if !requirement.limitInclusive, reason != .belowMinimumSampleSize, reason != .noTrials {
            if let observed, observed == requirement.limit {
                verdict = .fail
                reason = .observedAboveLimit
            } else if verdict == .pass, let upper, upper >= requirement.limit {
                verdict = .inconclusive
                reason = .upperBoundAboveLimit
            }
        }
        let relation = requirement.limitInclusive ? "≤" : "<"
        let count = evaluation.count
        let rate = observed.map { percent($0) } ?? "n/a"
        let bound = upper.map { percent($0) } ?? "n/a"
        let confidence = percent(requirement.confidence)
        let explanation: String
        switch reason {
        case .upperBoundWithinLimit:
            explanation =
                "\(requirement.metric.rawValue) \(rate) (\(count.errors)/\(count.trials)) \(where_); its \(confidence) "
                + "upper bound \(bound) is \(relation) the limit \(percent(requirement.limit))."
        case .observedAboveLimit:
            explanation =
                "\(requirement.metric.rawValue) \(rate) (\(count.errors)/\(count.trials)) \(where_) is not "
                + "\(relation) the limit \(percent(requirement.limit))."
        case .upperBoundAboveLimit:
            explanation =
                "\(requirement.metric.rawValue) \(rate) (\(count.errors)/\(count.trials)) \(where_) is within the limit "
                + "\(percent(requirement.limit)) but its \(confidence) upper bound \(bound) is not: too few trials"
                + (evaluation.additionalTrialsNeeded.map { " (about \($0) more needed)" } ?? "") + "."
        case .belowMinimumSampleSize:
            explanation =
                "The suite is below the profile's minimum sample sizes, so this cannot be shown either way "
                + "(observed \(rate), \(count.errors)/\(count.trials))."
        case .noTrials:
            explanation = "No trials for \(requirement.metric.rawValue): nothing was measured."
        }
        return ConformanceReport.RequirementResult(
            id: requirement.id, metric: requirement.metric, level: requirement.level, limit: requirement.limit,
            observed: observed, errors: count.errors, trials: count.trials, lower: evaluation.interval?.lower,
            upper: upper, confidence: requirement.confidence,
            // The verdict's bound is the one-sided upper one; `lower` is the two-sided interval's, kept for readers
            // (the writers show only the side a one-sided method names).
            method: evaluation.upperBound.map(RunMetrics.describe) ?? "none", verdict: verdict,
            additionalTrialsNeeded: verdict == .inconclusive ? evaluation.additionalTrialsNeeded : nil,
            explanation: explanation, threshold: isRateOnScores ? threshold : nil)
    }
}
