/// One comparison with the subjects it involves, for the subjects bootstrap.
public struct SubjectComparison: Sendable, Hashable, Codable {
    /// Subject of the verification (probe) sample.
    public var probeSubject: Int
    /// Subject of the enrolment (reference) sample.
    public var referenceSubject: Int
    /// The score, or `nil` when the comparison produced none (a failure to enrol, acquire or compare).
    public var score: Double?

    /// Mated iff both samples are of the same subject (ISO/IEC 19795-1:2006 clause 4.6).
    public var isMated: Bool { probeSubject == referenceSubject }

    public init(probeSubject: Int, referenceSubject: Int, score: Double?) {
        self.probeSubject = probeSubject
        self.referenceSubject = referenceSubject
        self.score = score
    }
}

/// Confidence intervals for error rates that account for correlation between comparisons sharing a subject.
///
/// Comparisons are not independent trials: all comparisons of one subject share that subject's face, so
/// Clopper–Pearson (which assumes independence) understates the uncertainty. The *subsets bootstrap* of Bolle,
/// Ratha & Pankanti ("Error analysis of pattern recognition systems — the subsets bootstrap", Computer Vision and
/// Image Understanding 93 (2004) 1–33; also Mansfield & Wayman, *Best Practices* v2.01 §7 and ISO/IEC
/// 19795-1:2006's annex on uncertainty) resamples whole subjects instead of comparisons.
///
/// **Scheme (exactly).** Let the S distinct subjects appear in the comparisons. One replicate draws S subjects
/// uniformly with replacement (``SeededGenerator`` seeded by `seed`, so results are reproducible) giving each
/// subject a multiplicity m(s) ≥ 0. It then recomputes the rate over the comparisons among the drawn population:
/// a mated comparison of subject s has weight m(s), a non-mated comparison of subjects a ≠ b has weight
/// m(a)·m(b) — the comparisons a re-run of the trial on the resampled population would make, so correlation on
/// both sides of a non-mated comparison is kept. The replicate rate is Σ w·error / Σ w; replicates with Σ w = 0
/// are discarded and redrawn (at most B more draws). The interval is the percentile interval of the B replicate
/// rates: the ⌈qB⌉-th smallest for q = (1 − C)/2 and (1 + C)/2 (two-sided) or q = C (one-sided upper).
///
/// Error indicators use the metric's formula (``ScoreSet/errorCount(_:at:)``): FMR and FNMR over scored
/// comparisons, FAR and FRR over attempted ones with failures as non-matches and rejections respectively.
public struct SubjectBootstrap: Sendable {
    /// How the scores are read.
    public let kind: ScoreKind
    private let comparisons: [SubjectComparison]
    private let subjectCount: Int
    private let subjectIndex: [Int: Int]

    /// Creates a bootstrap over `comparisons`.
    ///
    /// - Throws: `.nonFiniteScore` for a NaN or infinite score (use `nil` for a failure), naming its index.
    /// - Complexity: O(n).
    public init(comparisons: [SubjectComparison], kind: ScoreKind = .similarity) throws(MetricsError) {
        var index: [Int: Int] = [:]
        for (position, comparison) in comparisons.enumerated() {
            if let score = comparison.score, !score.isFinite {
                throw MetricsError(
                    .nonFiniteScore,
                    "comparison \(position) (subjects \(comparison.probeSubject), \(comparison.referenceSubject)) "
                        + "has score \(score); use nil for a comparison that produced no score")
            }
            for subject in [comparison.probeSubject, comparison.referenceSubject] where index[subject] == nil {
                index[subject] = index.count
            }
        }
        self.kind = kind
        self.comparisons = comparisons
        self.subjectIndex = index
        self.subjectCount = index.count
    }

    /// The percentile bootstrap interval of `metric` at `threshold`.
    ///
    /// - Parameters:
    ///   - metric: FMR, FNMR, FAR or FRR.
    ///   - threshold: decision threshold in the caller's units (inclusive).
    ///   - confidence: C in (0, 1).
    ///   - sides: two-sided or one-sided upper.
    ///   - replicates: B ≥ 100.
    ///   - seed: the generator seed; the same seed and input always give the same interval.
    /// - Returns: the interval labelled ``IntervalMethod/subjectsBootstrap``.
    /// - Throws: `.invalidParameter` for FTE/FTA, a NaN threshold, B < 100 or a bad confidence; `.emptyInput` when
    ///   no comparison counts towards `metric` or too many replicates draw none.
    /// - Complexity: O(n) to aggregate by subject pair, then O(B · (pairs + S)).
    public func interval(
        _ metric: ErrorMetric, threshold: Double, confidence: Double, sides: IntervalSides = .twoSided,
        replicates: Int = 1000, seed: UInt64
    ) throws(MetricsError) -> RateInterval {
        try RateInterval.checkConfidence(confidence)
        try ScoreSet.checkThreshold(threshold)
        guard replicates >= 100 else {
            throw MetricsError(.invalidParameter, "bootstrap replicates \(replicates) too few; use at least 100")
        }
        // Aggregate errors and trials by (probe, reference) subject pair.
        var pairs: [Pair: (errors: Int, trials: Int)] = [:]
        for comparison in comparisons {
            let mated = comparison.isMated
            let outcome: Bool?  // nil: not a trial of this metric; true: an error
            switch metric {
            case .fmr:
                outcome = mated ? nil : comparison.score.map { kind.accepts($0, threshold: threshold) }
            case .fnmr:
                outcome = mated ? comparison.score.map { !kind.accepts($0, threshold: threshold) } : nil
            case .far:
                outcome = mated ? nil : (comparison.score.map { kind.accepts($0, threshold: threshold) } ?? false)
            case .frr:
                outcome = mated ? (comparison.score.map { !kind.accepts($0, threshold: threshold) } ?? true) : nil
            case .fte, .fta:
                throw MetricsError(
                    .invalidParameter, "\(metric.rawValue) is not a comparison rate; bootstrap FMR, FNMR, FAR or FRR")
            }
            guard let outcome,
                let probe = subjectIndex[comparison.probeSubject],
                let reference = subjectIndex[comparison.referenceSubject]
            else { continue }
            let pair = Pair(probe: probe, reference: reference)
            let current = pairs[pair] ?? (0, 0)
            pairs[pair] = (current.errors + (outcome ? 1 : 0), current.trials + 1)
        }
        guard !pairs.isEmpty else {
            throw MetricsError(.emptyInput, "no comparison counts towards \(metric.rawValue); nothing to bootstrap")
        }
        let table = pairs.map { ($0.key.probe, $0.key.reference, Double($0.value.errors), Double($0.value.trials)) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }  // fixed order: reproducible sums
        var generator = SeededGenerator(seed: seed)
        var multiplicity = [Double](repeating: 0, count: subjectCount)
        var rates: [Double] = []
        rates.reserveCapacity(replicates)
        var draws = 0
        while rates.count < replicates, draws < 2 * replicates {
            draws += 1
            for index in multiplicity.indices { multiplicity[index] = 0 }
            for _ in 0..<subjectCount {
                multiplicity[Int(generator.next(upperBound: UInt64(subjectCount)))] += 1
            }
            var errors = 0.0
            var trials = 0.0
            for (probe, reference, pairErrors, pairTrials) in table {
                let weight =
                    probe == reference ? multiplicity[probe] : multiplicity[probe] * multiplicity[reference]
                errors += weight * pairErrors
                trials += weight * pairTrials
            }
            if trials > 0 { rates.append(errors / trials) }
        }
        guard rates.count == replicates else {
            throw MetricsError(
                .emptyInput,
                "only \(rates.count) of \(draws) bootstrap replicates drew a comparison towards \(metric.rawValue); "
                    + "the suite has too few subjects for a subjects bootstrap")
        }
        rates.sort()
        func percentile(_ q: Double) -> Double {
            let rank = Swift.max(1, Int((q * Double(replicates)).rounded(.up)))
            return rates[Swift.min(replicates, rank) - 1]
        }
        switch sides {
        case .twoSided:
            return RateInterval(
                lower: percentile((1 - confidence) / 2), upper: percentile((1 + confidence) / 2),
                confidence: confidence, sides: .twoSided, method: .subjectsBootstrap)
        case .upperOneSided:
            return RateInterval(
                lower: 0, upper: percentile(confidence), confidence: confidence, sides: .upperOneSided,
                method: .subjectsBootstrap)
        }
    }

    private struct Pair: Hashable {
        var probe: Int
        var reference: Int
    }
}
