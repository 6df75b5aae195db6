/// A count of errors out of trials: the numerator and denominator of an error rate.
///
/// Rates are always carried with their counts so that confidence intervals, sample-size rules and reports see the
/// evidence, not just a ratio.
public struct ErrorCount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Number of errors observed (false matches, false non-matches, failures …).
    public let errors: Int
    /// Number of trials (comparisons, transactions, enrolment attempts …) the errors were counted over.
    public let trials: Int

    /// Creates a count.
    ///
    /// - Parameters:
    ///   - errors: errors observed, `0 ... trials`.
    ///   - trials: trials made, `>= 0`.
    /// - Throws: `MetricsError.Code.invalidCount` when `errors < 0`, `trials < 0` or `errors > trials`.
    public init(errors: Int, trials: Int) throws(MetricsError) {
        guard trials >= 0, errors >= 0, errors <= trials else {
            throw MetricsError(
                .invalidCount,
                "error count \(errors) of \(trials) trials is impossible: need 0 ≤ errors ≤ trials; check the counts "
                    + "passed in")
        }
        self.errors = errors
        self.trials = trials
    }

    init(unchecked errors: Int, _ trials: Int) {
        self.errors = errors
        self.trials = trials
    }

    /// `errors / trials`, or `nil` when there were no trials (the rate is undefined, not zero).
    public var rate: Double? { trials == 0 ? nil : Double(errors) / Double(trials) }

    public var description: String { "\(errors)/\(trials)" }
}

/// Comparisons that were attempted but produced no score.
///
/// A comparison fails when either of its templates could not be made (failure to enrol for the reference, failure to
/// acquire for the probe) or when the comparison itself failed. ISO/IEC 19795-1:2006 clause 4.6 (generalised rates)
/// counts such a transaction as a rejection when mated and as a non-match when non-mated; the generalised rates
/// ``ErrorMetric/far`` and ``ErrorMetric/frr`` use these counts, the comparison-level ``ErrorMetric/fmr`` and
/// ``ErrorMetric/fnmr`` do not.
public struct ComparisonFailures: Sendable, Hashable, Codable {
    /// Mated comparisons that produced no score.
    public var mated: Int
    /// Non-mated comparisons that produced no score.
    public var nonMated: Int

    /// No failures.
    public static let none = ComparisonFailures(mated: 0, nonMated: 0)

    /// Creates failure counts (each `>= 0`; ``ScoreSet`` checks).
    public init(mated: Int, nonMated: Int) {
        self.mated = mated
        self.nonMated = nonMated
    }
}
