import BiometricMetrics
import ConformanceVectors

/// The metrics of one run, computed by BiometricMetrics from a ``RunTally`` and mapped into the report model.
///
/// Nothing here computes a statistic itself: rates, intervals, verdicts, EER, FNMR at FMR, DET and histograms all
/// come from ``BiometricMetrics/ScoreSet`` and ``BiometricMetrics/RequirementEvaluation``.
struct RunMetrics {
    /// The confidence of the two-sided intervals printed beside every rate.
    static let reportingConfidence = 0.95

    let tally: RunTally
    let scores: ScoreSet

    /// Builds the score set (scores are finite: the runner recorded anything else as a failure).
    ///
    /// - Throws: ``RunError`` `.journalUnreadable` if the journal holds a non-finite score (it cannot, unless it
    ///   was edited).
    init(tally: RunTally, kind: ScoreKind) throws(RunError) {
        self.tally = tally
        do {
            scores = try ScoreSet(
                mated: tally.matedScores, nonMated: tally.nonMatedScores, kind: kind,
                failures: ComparisonFailures(
                    mated: tally.matedFailed + tally.matedTemplateUnavailable,
                    nonMated: tally.nonMatedFailed + tally.nonMatedTemplateUnavailable))
        } catch {
            throw RunError(.journalUnreadable, "the journal's scores are unusable: \(error.message)")
        }
    }

    /// FTE and FTA counts over the images the suite expects to enrol.
    var enrolmentAndAcquisition: [ErrorMetric: ErrorCount] {
        var result: [ErrorMetric: ErrorCount] = [:]
        result[.fte] = try? ErrorCount(errors: tally.enrolmentFailed, trials: tally.enrolmentAttempted)
        result[.fta] = try? ErrorCount(errors: tally.verificationFailed, trials: tally.verificationAttempted)
        return result
    }

    /// The operating point at a target FMR (BiometricMetrics' definition: the most permissive threshold with
    /// FMR ≤ target).
    func operatingPoint(atFMR target: Double) -> BiometricMetrics.OperatingPoint? {
        try? scores.operatingPoint(atFMR: target)
    }

    static let formulas: [ErrorMetric: String] = [
        .fmr: "FMR = non-mated accepted / non-mated scored (failures excluded; ISO/IEC 19795-1)",
        .fnmr: "FNMR = mated rejected / mated scored (failures excluded; ISO/IEC 19795-1)",
        .far: "FAR = non-mated accepted / non-mated attempted = FMR·(1−FTA) (ISO/IEC 19795-1 generalised)",
        .frr:
            "FRR = (mated rejected + mated failed) / mated attempted = FTA + FNMR·(1−FTA) (ISO/IEC 19795-1 "
            + "generalised; a failed template rejects every mated comparison it takes part in)",
        .fte: "FTE = enrolment templates not created / attempted, over images expected to enrol",
        .fta: "FTA = verification templates not created / attempted, over images expected to enrol",
    ]

    private func count(_ metric: ErrorMetric, threshold: Double?) -> ErrorCount? {
        switch metric {
        case .fte, .fta: return enrolmentAndAcquisition[metric]
        case .fmr, .fnmr, .far, .frr:
            guard let threshold else { return nil }
            return try? scores.errorCount(metric, at: threshold)
        }
    }

    /// Every rate at the run's threshold (FTE and FTA always), each with a two-sided Clopper–Pearson interval.
    func rates(threshold: Double?) -> [ConformanceReport.RateEstimate] {
        ErrorMetric.allCases.compactMap { metric in
            guard let count = count(metric, threshold: threshold) else { return nil }
            let interval = (try? ClopperPearson.interval(count, confidence: Self.reportingConfidence))
                .flatMap { count.trials > 0 ? $0 : nil }
            return ConformanceReport.RateEstimate(
                metric: metric, formula: Self.formulas[metric] ?? metric.rawValue, errors: count.errors,
                trials: count.trials, value: count.rate ?? 0, interval: interval.map(Self.bound),
                threshold: metric == .fte || metric == .fta ? nil : threshold)
        }
    }

    static func bound(_ interval: RateInterval) -> ConformanceReport.ConfidenceBound {
        ConformanceReport.ConfidenceBound(
            lower: interval.lower, upper: interval.upper, confidence: interval.confidence,
            method: describe(interval))
    }

    static func describe(_ interval: RateInterval) -> String {
        let method: String
        switch interval.method {
        case .clopperPearson: method = "clopper-pearson"
        case .ruleOfThree: method = "rule of 3"
        case .zeroErrorMultiplier: method = "zero-error bound −ln(1−C)/n"
        case .subjectsBootstrap: method = "subjects bootstrap"
        }
        return method + (interval.sides == .twoSided ? " two-sided" : " one-sided upper")
    }

    /// Judges one requirement with the one rule every caller shares (``PlanRequirement/judge(scores:declaredThreshold:minimumSampleSizesMet:enrolmentAndAcquisition:)``).
    ///
    /// - Parameters:
    ///   - requirement: The requirement.
    ///   - runThreshold: The run's operating threshold, for requirements at the declared threshold.
    ///   - minimumsMet: Whether the suite reaches the profile's minimum sample sizes.
    func judge(_ requirement: PlanRequirement, runThreshold: Double?, minimumsMet: Bool)
        -> ConformanceReport.RequirementResult
    {
        requirement.judge(
            scores: scores, declaredThreshold: runThreshold, minimumSampleSizesMet: minimumsMet,
            enrolmentAndAcquisition: enrolmentAndAcquisition)
    }

    static func percent(_ value: Double) -> String {
        let percent = value * 100
        if percent == 0 { return "0 %" }
        if percent >= 1 { return String(format: "%g %%", (percent * 100).rounded() / 100) }
        return String(format: "%.3g %%", percent)
    }

    /// The EER with pyeer's FVC interval, when both score sets are non-empty.
    func eer() -> ConformanceReport.EERSummary? {
        guard let eer = scores.equalErrorRate(), eer.threshold.isFinite else { return nil }
        return ConformanceReport.EERSummary(value: eer.value, threshold: eer.threshold, low: eer.fvcLow, high: eer.fvcHigh)
    }

    func fnmrAtFMR(targets: [Double]) -> [ConformanceReport.FNMRAtFMR] {
        targets.map { target in
            guard let point = operatingPoint(atFMR: target), scores.nonMatedCount > 0 else {
                return .init(targetFMR: target, reachable: false, threshold: nil, fmr: nil, fnmr: nil)
            }
            return .init(
                targetFMR: target, reachable: point.isReachable,
                threshold: point.threshold.isFinite ? point.threshold : nil, fmr: point.fmr, fnmr: point.fnmr)
        }
    }

    /// The DET curve decimated to at most 1,000 points; the end points at ±∞ thresholds are left out (they sit at
    /// rates 0 and 1, which a normal-deviate plot cannot show).
    func det() -> [ConformanceReport.DETPoint] {
        guard scores.matedCount > 0, scores.nonMatedCount > 0, let curve = try? scores.detCurve(maxPoints: 1000) else {
            return []
        }
        return curve.points.filter { $0.threshold.isFinite }.map {
            ConformanceReport.DETPoint(threshold: $0.threshold, fmr: $0.fmr, fnmr: $0.fnmr)
        }
    }

    /// Mated and non-mated histograms over 50 shared bins.
    func histograms() -> ConformanceReport.ScoreHistograms? {
        guard scores.matedCount + scores.nonMatedCount > 0, let histogram = try? scores.histogram(binCount: 50) else {
            return nil
        }
        return ConformanceReport.ScoreHistograms(
            edges: histogram.edges, mated: histogram.mated, nonMated: histogram.nonMated)
    }
}
