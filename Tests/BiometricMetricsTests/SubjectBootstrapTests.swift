import BiometricMetrics
import Testing

struct SubjectBootstrapTests {
    /// `subjects` subjects, each with `perSubject` mated comparisons and non-mated comparisons against the next
    /// three subjects. Subjects in `goats` get every mated comparison wrong (score 0.1): errors cluster by subject.
    static func comparisons(subjects: Int, perSubject: Int, goats: Set<Int>) -> [SubjectComparison] {
        var result: [SubjectComparison] = []
        for subject in 0..<subjects {
            for index in 0..<perSubject {
                result.append(
                    SubjectComparison(
                        probeSubject: subject, referenceSubject: subject,
                        score: goats.contains(subject) ? 0.1 : 0.9 - Double(index) * 0.001))
            }
            for offset in 1...3 {
                result.append(
                    SubjectComparison(
                        probeSubject: subject, referenceSubject: (subject + offset) % subjects,
                        score: Double((subject * 7 + offset) % 100) / 100))
            }
        }
        return result
    }

    @Test
    func sameSeedSameIntervalDifferentSeedDifferentInterval() throws {
        let bootstrap = try SubjectBootstrap(
            comparisons: Self.comparisons(subjects: 60, perSubject: 5, goats: [3, 9, 20]))
        let a = try bootstrap.interval(.fnmr, threshold: 0.5, confidence: 0.9, replicates: 500, seed: 7)
        let b = try bootstrap.interval(.fnmr, threshold: 0.5, confidence: 0.9, replicates: 500, seed: 7)
        #expect(a == b)
        // Replicate rates are multiples of 1/60-ish, so two seeds can give the same percentiles; ten cannot all.
        let others = try (8..<18).map {
            try bootstrap.interval(.fnmr, threshold: 0.5, confidence: 0.9, replicates: 500, seed: UInt64($0))
        }
        #expect(others.contains { $0 != a })
        #expect(a.method == .subjectsBootstrap)
        #expect(a.lower <= 3.0 / 60 && 3.0 / 60 <= a.upper)
    }

    @Test
    func clusteredErrorsGiveAWiderIntervalThanClopperPearson() throws {
        // 3 of 60 subjects fail all 20 of their mated comparisons: 60 errors in 1200 comparisons, but only three
        // independent events. Clopper–Pearson (independence) is far too narrow; the subjects bootstrap is not.
        let comparisons = Self.comparisons(subjects: 60, perSubject: 20, goats: [3, 9, 20])
        let bootstrap = try SubjectBootstrap(comparisons: comparisons)
        let interval = try bootstrap.interval(.fnmr, threshold: 0.5, confidence: 0.95, replicates: 1000, seed: 1)
        let cp = try ClopperPearson.interval(try ErrorCount(errors: 60, trials: 1200), confidence: 0.95)
        #expect(interval.upper - interval.lower > 2 * (cp.upper - cp.lower))
        let upper = try bootstrap.interval(
            .fnmr, threshold: 0.5, confidence: 0.95, sides: .upperOneSided, replicates: 1000, seed: 1)
        #expect(upper.lower == 0 && upper.upper <= interval.upper && upper.upper > 0.05)
    }

    @Test
    func failuresCountAsTheGeneralisedRatesSay() throws {
        var comparisons = Self.comparisons(subjects: 30, perSubject: 2, goats: [])
        comparisons.append(SubjectComparison(probeSubject: 0, referenceSubject: 0, score: nil))
        let bootstrap = try SubjectBootstrap(comparisons: comparisons)
        let frr = try bootstrap.interval(.frr, threshold: 0.5, confidence: 0.9, replicates: 200, seed: 3)
        let fnmr = try bootstrap.interval(.fnmr, threshold: 0.5, confidence: 0.9, replicates: 200, seed: 3)
        #expect(fnmr.upper == 0)  // no scored mated comparison is rejected
        #expect(frr.upper > 0)  // the failed one is a rejection
    }

    @Test
    func rejectsBadInput() throws {
        #expect(throws: MetricsError.self) {
            _ = try SubjectBootstrap(comparisons: [SubjectComparison(probeSubject: 1, referenceSubject: 1, score: .nan)]
            )
        }
        let bootstrap = try SubjectBootstrap(comparisons: Self.comparisons(subjects: 10, perSubject: 1, goats: []))
        #expect(throws: MetricsError.self) { try bootstrap.interval(.fte, threshold: 0.5, confidence: 0.9, seed: 1) }
        #expect(throws: MetricsError.self) {
            try bootstrap.interval(.fmr, threshold: 0.5, confidence: 0.9, replicates: 10, seed: 1)
        }
    }
}
