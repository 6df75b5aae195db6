import BiometricMetrics

/// The runner's view of the metrics of one run: error rates at the operating threshold, verdicts, EER,
/// FNMR at FMR, DET and histograms, computed from a ``RunTally``.
///
/// INTERIM: point estimates only until BiometricMetrics (intervals, verdicts, EER, DET) is merged; every number
/// will then come from BiometricMetrics and this type only maps it into the report model.
struct RunMetrics {
    let tally: RunTally
    let kind: ScoreKind
    let threshold: Double?

    static func thresholdAtFMR(_ target: Double, nonMated: [Double], kind: ScoreKind) -> Double? {
        guard !nonMated.isEmpty else { return nil }
        // Most permissive threshold with FMR <= target.
        let sorted = kind == .similarity ? nonMated.sorted(by: >) : nonMated.sorted()
        let allowed = Int((target * Double(sorted.count)).rounded(.down))
        var candidate: Double? = nil
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[index] { end += 1 }
            if end + 1 <= allowed { candidate = sorted[index] } else { break }
            index = end + 1
        }
        if let candidate { return candidate }
        let extreme = sorted[0]
        return kind == .similarity ? extreme.nextUp : extreme.nextDown
    }

    private func count(_ errors: Int, _ trials: Int, _ metric: ErrorMetric, _ formula: String)
        -> ConformanceReport.RateEstimate
    {
        ConformanceReport.RateEstimate(
            metric: metric, formula: formula, errors: errors, trials: trials,
            value: trials > 0 ? Double(errors) / Double(trials) : 0, interval: nil, threshold: threshold)
    }

    private var counts: [ErrorMetric: (Int, Int, String)] {
        var result: [ErrorMetric: (Int, Int, String)] = [:]
        result[.fte] = (tally.enrolmentFailed, tally.enrolmentAttempted, "FTE = failed enrolment templates / attempted")
        result[.fta] = (
            tally.verificationFailed, tally.verificationAttempted, "FTA = failed verification templates / attempted"
        )
        if let threshold {
            let falseMatches = tally.nonMatedScores.filter { kind.accepts($0, threshold: threshold) }.count
            let falseNonMatches = tally.matedScores.filter { !kind.accepts($0, threshold: threshold) }.count
            result[.fmr] = (falseMatches, tally.nonMatedScores.count, "FMR = non-mated accepted / non-mated scored")
            result[.fnmr] = (falseNonMatches, tally.matedScores.count, "FNMR = mated rejected / mated scored")
            let matedFailures = tally.matedFailed + tally.matedTemplateUnavailable
            let nonMatedFailures = tally.nonMatedFailed + tally.nonMatedTemplateUnavailable
            result[.far] = (
                falseMatches, tally.nonMatedScores.count + nonMatedFailures,
                "FAR = non-mated accepted / non-mated attempted (failures are not accepts)"
            )
            result[.frr] = (
                falseNonMatches + matedFailures, tally.matedScores.count + matedFailures,
                "FRR = (mated rejected + mated failures) / mated attempted"
            )
        }
        return result
    }

    func rates(confidences: Set<Double>) -> [ConformanceReport.RateEstimate] {
        let counts = self.counts
        return ErrorMetric.allCases.compactMap { metric in
            counts[metric].map { count($0.0, $0.1, metric, $0.2) }
        }
    }

    func judge(_ requirement: PlanRequirement, sampleTooSmall: Bool) -> ConformanceReport.RequirementResult {
        guard let (errors, trials, _) = counts[requirement.metric], trials > 0 else {
            return .init(
                id: requirement.id, metric: requirement.metric, level: requirement.level, limit: requirement.limit,
                observed: nil, errors: 0, trials: 0, lower: nil, upper: nil, confidence: requirement.confidence,
                method: "none", verdict: .inconclusive, additionalTrialsNeeded: nil,
                explanation: "No trials for \(requirement.metric.rawValue) (no threshold or no comparisons).")
        }
        let observed = Double(errors) / Double(trials)
        let verdict: Verdict = observed > requirement.limit ? .fail : .inconclusive
        return .init(
            id: requirement.id, metric: requirement.metric, level: requirement.level, limit: requirement.limit,
            observed: observed, errors: errors, trials: trials, lower: nil, upper: nil,
            confidence: requirement.confidence, method: "interim point estimate", verdict: verdict,
            additionalTrialsNeeded: nil,
            explanation: verdict == .fail
                ? "Observed \(observed) exceeds the limit \(requirement.limit)."
                : "Interim: no confidence bound yet" + (sampleTooSmall ? "; suite below minimums." : "."))
    }

    func eer() -> ConformanceReport.EERSummary? { nil }

    func fnmrAtFMR(targets: [Double]) -> [ConformanceReport.FNMRAtFMR] {
        targets.map { .init(targetFMR: $0, reachable: false, threshold: nil, fmr: nil, fnmr: nil) }
    }

    func det() -> [ConformanceReport.DETPoint] { [] }

    func histograms() -> ConformanceReport.ScoreHistograms? { nil }
}
