/// One requirement of a threshold profile: an error metric must not exceed a limit, shown at a confidence level.
///
/// "FMR shall be ≤ 1e-4 at 95 % confidence" is `RateRequirement(metric: .fmr, limit: 1e-4, confidence: 0.95,
/// level: .shall)`. The profile loader (ConformanceVectors) builds these; ``RequirementEvaluation`` judges them.
public struct RateRequirement: Sendable, Hashable, Codable {
    /// The rate limited.
    public var metric: ErrorMetric
    /// The largest acceptable rate, in [0, 1].
    public var limit: Double
    /// The confidence C of the one-sided upper bound that must be at or below the limit, in (0, 1).
    public var confidence: Double
    /// "shall" requirements decide the overall verdict; "should" requirements are reported only.
    public var level: NormativeLevel

    /// Creates a requirement (validated when evaluated).
    public init(metric: ErrorMetric, limit: Double, confidence: Double, level: NormativeLevel = .shall) {
        self.metric = metric
        self.limit = limit
        self.confidence = confidence
        self.level = level
    }
}

/// Why a requirement got its verdict.
public enum VerdictReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Pass: the one-sided upper bound at the required confidence is at or below the limit.
    case upperBoundWithinLimit
    /// Fail: the observed rate exceeds the limit.
    case observedAboveLimit
    /// Inconclusive: observed ≤ limit < upper bound: more trials are needed.
    case upperBoundAboveLimit
    /// Inconclusive: the suite is below the profile's minimum sample sizes, whatever the rates.
    case belowMinimumSampleSize
    /// Inconclusive: no trials at all (the rate is undefined).
    case noTrials
}

/// The judgement of one ``RateRequirement`` on observed counts.
///
/// **Rule** (facecert issue 5; like FIDO's biometric component certification, which requires the upper confidence
/// bound, not the point estimate, to meet the limit, and ISO/IEC 19795-1's requirement to report uncertainty with
/// every estimated rate):
///
/// 1. below the profile's minimum sample sizes, or no trials → **inconclusive**;
/// 2. observed rate k/n > limit → **fail**;
/// 3. one-sided Clopper–Pearson upper bound at the required confidence ≤ limit → **pass**;
/// 4. otherwise (observed ≤ limit < upper bound) → **inconclusive**, with ``trialsNeeded``: how many trials in total
///    would show the limit if the observed rate held (``ClopperPearson/trialsNeeded(observedRate:limit:confidence:)``).
///
/// Rule 1 comes first on purpose: a suite too small to show anything cannot fail a matcher either.
public struct RequirementEvaluation: Sendable, Hashable, Codable {
    /// The requirement judged.
    public let requirement: RateRequirement
    /// Errors over trials, with the formula of ``RateRequirement/metric`` (see ``ScoreSet/errorCount(_:at:)``).
    public let count: ErrorCount
    /// The one-sided upper bound at the required confidence (Clopper–Pearson), `nil` with no trials.
    public let upperBound: RateInterval?
    /// The two-sided Clopper–Pearson interval at the required confidence, for reports; `nil` with no trials.
    public let interval: RateInterval?
    /// The verdict.
    public let verdict: Verdict
    /// Why.
    public let reason: VerdictReason
    /// Total trials that would show the limit if the observed rate held; `nil` when already passing, failing, or
    /// when no number of trials would (observed rate ≥ limit).
    public let trialsNeeded: Int?
    /// The threshold the counts were read at, when they came from a ``ScoreSet``.
    public let threshold: Double?

    /// The observed rate, `nil` with no trials.
    public var observed: Double? { count.rate }
    /// `trialsNeeded − trials`, when ``trialsNeeded`` is known.
    public var additionalTrialsNeeded: Int? { trialsNeeded.map { Swift.max(0, $0 - count.trials) } }

    /// Judges a requirement on plain counts.
    ///
    /// - Parameters:
    ///   - requirement: metric, limit, confidence, level.
    ///   - count: errors and trials observed for that metric.
    ///   - minimumSampleSizeSatisfied: whether the suite meets the profile's minimum sample sizes (the profile
    ///     decides which sizes apply; pass `true` when it sets none).
    ///   - threshold: the decision threshold the counts were taken at, recorded for reports.
    /// - Throws: `.invalidParameter` for a limit outside [0, 1] or a confidence outside (0, 1).
    public init(
        _ requirement: RateRequirement, count: ErrorCount, minimumSampleSizeSatisfied: Bool,
        threshold: Double? = nil
    ) throws(MetricsError) {
        try RateInterval.checkConfidence(requirement.confidence)
        guard requirement.limit >= 0, requirement.limit <= 1 else {
            throw MetricsError(
                .invalidParameter,
                "\(requirement.metric.rawValue) limit \(requirement.limit) must be a rate in [0, 1]; write 1e-4 "
                    + "for 0.01 %")
        }
        self.requirement = requirement
        self.count = count
        self.threshold = threshold
        guard count.trials > 0, let observed = count.rate else {
            upperBound = nil
            interval = nil
            verdict = .inconclusive
            reason = .noTrials
            trialsNeeded = nil
            return
        }
        let upper = try ClopperPearson.upperBound(count, confidence: requirement.confidence)
        upperBound = upper
        interval = try ClopperPearson.interval(count, confidence: requirement.confidence)
        let needed =
            requirement.limit > 0
            ? try ClopperPearson.trialsNeeded(
                observedRate: observed, limit: requirement.limit, confidence: requirement.confidence) : nil
        if !minimumSampleSizeSatisfied {
            verdict = .inconclusive
            reason = .belowMinimumSampleSize
            trialsNeeded = needed.map { Swift.max($0, count.trials) }
        } else if observed > requirement.limit {
            verdict = .fail
            reason = .observedAboveLimit
            trialsNeeded = nil
        } else if upper.upper <= requirement.limit {
            verdict = .pass
            reason = .upperBoundWithinLimit
            trialsNeeded = nil
        } else {
            verdict = .inconclusive
            reason = .upperBoundAboveLimit
            trialsNeeded = needed
        }
    }

    /// Judges a requirement on plain values (for callers that hold no ``ErrorCount``).
    ///
    /// - Throws: `.invalidCount` for impossible counts, `.invalidParameter` for limit or confidence out of range.
    public init(
        metric: ErrorMetric, errors: Int, trials: Int, limit: Double, confidence: Double, level: NormativeLevel,
        minimumSampleSizeSatisfied: Bool
    ) throws(MetricsError) {
        try self.init(
            RateRequirement(metric: metric, limit: limit, confidence: confidence, level: level),
            count: ErrorCount(errors: errors, trials: trials), minimumSampleSizeSatisfied: minimumSampleSizeSatisfied)
    }

    /// The overall verdict of a run: ``Verdict/overall(_:)`` over these evaluations' levels and verdicts.
    ///
    /// - Parameter evaluations: The judged requirements.
    /// - Returns: The worst verdict over the "shall" requirements; ``Verdict/pass`` when there is none.
    /// - Complexity: O(n).
    public static func overallVerdict(_ evaluations: some Sequence<RequirementEvaluation>) -> Verdict {
        Verdict.overall(evaluations.lazy.map { (level: $0.requirement.level, verdict: $0.verdict) })
    }
}

extension Verdict {
    /// What a report says when there is no "shall" requirement and the overall verdict is therefore
    /// ``pass`` without anything shown.
    public static let reportingOnlyNote = "Reporting only: no requirement to judge."

    /// The overall verdict of a run: the worst verdict over its "shall" requirements (fail > inconclusive > pass).
    ///
    /// "Should" requirements are recommendations (ISO/IEC Directives Part 2 clause 7) and never change it. With no
    /// "shall" requirement (a reporting-only profile such as NIST FRTE-style reporting, or one of "should"s only)
    /// nothing can fail, so the verdict is ``pass``; reports then add ``reportingOnlyNote``. This is the one rule the
    /// runner, `facecert score` and FaceCertTesting apply.
    ///
    /// - Parameter judged: The level and verdict of each requirement.
    /// - Returns: The worst "shall" verdict, or ``pass`` when there is none.
    /// - Complexity: O(n).
    public static func overall(_ judged: some Sequence<(level: NormativeLevel, verdict: Verdict)>) -> Verdict {
        judged.lazy.filter { $0.level == .shall }.map(\.verdict).max() ?? .pass
    }

    /// Whether ``overall(_:)`` has nothing to judge: no "shall" requirement among `levels`.
    ///
    /// - Parameter levels: The level of each requirement.
    /// - Complexity: O(n).
    public static func isReportingOnly(_ levels: some Sequence<NormativeLevel>) -> Bool {
        !levels.contains(.shall)
    }
}

extension ScoreSet {
    /// Judges `requirement` on these scores at `threshold`.
    ///
    /// FMR, FNMR, FAR and FRR are counted from the scores and failures with the formulas of
    /// ``errorCount(_:at:)``; FTE and FTA are not in a score set and must be passed in `enrolmentAndAcquisition`.
    ///
    /// - Parameters:
    ///   - requirement: the requirement.
    ///   - threshold: the decision threshold in the caller's units (inclusive).
    ///   - minimumSampleSizeSatisfied: whether the suite meets the profile's minimum sample sizes.
    ///   - enrolmentAndAcquisition: counts for ``ErrorMetric/fte`` and ``ErrorMetric/fta`` requirements.
    /// - Throws: `.invalidParameter` for a NaN threshold, an FTE/FTA requirement without its count, or a limit or
    ///   confidence out of range.
    public func evaluate(
        _ requirement: RateRequirement, threshold: Double, minimumSampleSizeSatisfied: Bool,
        enrolmentAndAcquisition: [ErrorMetric: ErrorCount] = [:]
    ) throws(MetricsError) -> RequirementEvaluation {
        let count: ErrorCount
        switch requirement.metric {
        case .fte, .fta:
            guard let given = enrolmentAndAcquisition[requirement.metric] else {
                throw MetricsError(
                    .invalidParameter,
                    "requirement on \(requirement.metric.rawValue) needs its count (failures over attempts) in "
                        + "enrolmentAndAcquisition; a score set holds only comparisons")
            }
            count = given
        case .fmr, .fnmr, .far, .frr:
            count = try errorCount(requirement.metric, at: threshold)
        }
        return try RequirementEvaluation(
            requirement, count: count, minimumSampleSizeSatisfied: minimumSampleSizeSatisfied, threshold: threshold)
    }
}
