/// The error rates a threshold profile can set limits on.
///
/// Comparison-level rates are FMR and FNMR; transaction-level (generalised) rates are FAR and FRR; acquisition
/// and enrolment failures are FTA and FTE, all as defined in ISO/IEC 19795-1:2021 clause 3.5 (this project never
/// uses FAR/FRR for comparison-level rates, nor the reverse).
public enum ErrorMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// False match rate: non-mated comparisons wrongly accepted / non-mated comparisons made.
    case fmr = "FMR"
    /// False non-match rate: mated comparisons wrongly rejected / mated comparisons made.
    case fnmr = "FNMR"
    /// False accept rate: FMR · (1 − FTA) (ISO/IEC 19795-1 generalised rate).
    case far = "FAR"
    /// False reject rate: FTA + FNMR · (1 − FTA) (ISO/IEC 19795-1 generalised rate).
    case frr = "FRR"
    /// Failure to enrol rate.
    case fte = "FTE"
    /// Failure to acquire rate.
    case fta = "FTA"
}

/// Whether a requirement is normative ("shall") or a recommendation ("should"), as ISO/IEC Directives Part 2
/// clause 7 uses the verbal forms. Only "shall" requirements decide a run's overall verdict.
public enum NormativeLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case shall
    case should
}

/// The outcome of judging one requirement, and of a whole run (the worst over its "shall" requirements).
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The upper confidence bound is at or below the limit.
    case pass
    /// The observed rate is at or below the limit but the bound is above it, or the sample is below the
    /// profile's minimum sizes: the suite cannot show the limit at the required confidence.
    case inconclusive
    /// The observed rate exceeds the limit.
    case fail

    private var severity: Int {
        switch self {
        case .pass: 0
        case .inconclusive: 1
        case .fail: 2
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }
}
