import BiometricMetrics
import Testing

struct VerdictTests {
    static func judge(
        _ errors: Int, _ trials: Int, limit: Double = 1e-3, confidence: Double = 0.95,
        level: NormativeLevel = .shall, minimum: Bool = true
    ) throws -> RequirementEvaluation {
        try RequirementEvaluation(
            metric: .fmr, errors: errors, trials: trials, limit: limit, confidence: confidence, level: level,
            minimumSampleSizeSatisfied: minimum)
    }

    @Test
    func passesWhenTheUpperBoundIsWithinTheLimit() throws {
        // 0 of 3000: Clopper–Pearson 95 % upper = 1 − 0.05^(1/3000) = 9.98e-4 ≤ 1e-3.
        let evaluation = try Self.judge(0, 3000)
        #expect(evaluation.verdict == .pass)
        #expect(evaluation.reason == .upperBoundWithinLimit)
        #expect(evaluation.upperBound?.method == .clopperPearson)
        #expect(evaluation.upperBound?.sides == .upperOneSided)
        #expect((evaluation.upperBound?.upper ?? 1) <= 1e-3)
        #expect(evaluation.trialsNeeded == nil)
    }

    @Test
    func isInconclusiveJustBelowThePassingSampleSize() throws {
        // 0 of 2994: upper = 1.0005e-3 > 1e-3 (ln 0.05 / ln 0.999 = 2994.2, so 2995 are needed).
        let evaluation = try Self.judge(0, 2994)
        #expect(evaluation.verdict == .inconclusive)
        #expect(evaluation.reason == .upperBoundAboveLimit)
        #expect(evaluation.trialsNeeded == 2995)
        #expect(evaluation.additionalTrialsNeeded == 1)
        #expect(try Self.judge(0, 2995).verdict == .pass)
    }

    @Test
    func failsWhenTheObservedRateExceedsTheLimit() throws {
        let evaluation = try Self.judge(5, 1000)
        #expect(evaluation.verdict == .fail)
        #expect(evaluation.reason == .observedAboveLimit)
        #expect(evaluation.observed == 0.005)
        #expect(evaluation.trialsNeeded == nil)
    }

    @Test
    func observedAtTheLimitIsNotAFailureButCannotPass() throws {
        let evaluation = try Self.judge(3, 3000)
        #expect(evaluation.verdict == .inconclusive)
        #expect(evaluation.trialsNeeded == nil)  // a rate equal to the limit can never be shown below it
    }

    @Test
    func inconclusiveResultSaysHowManyTrialsWouldShowTheLimit() throws {
        let evaluation = try Self.judge(1, 3000)
        #expect(evaluation.verdict == .inconclusive)
        let needed = try #require(evaluation.trialsNeeded)
        #expect(needed > 3000)
        // At the answer the bound (with the observed rate held) meets the limit; one fewer does not.
        let rate = 1.0 / 3000
        let at = BetaDistribution.quantile(0.95, a: rate * Double(needed) + 1, b: Double(needed) * (1 - rate))
        let before = BetaDistribution.quantile(
            0.95, a: rate * Double(needed - 1) + 1, b: Double(needed - 1) * (1 - rate))
        #expect(at <= 1e-3 && before > 1e-3)
    }

    @Test
    func belowMinimumSampleSizeIsInconclusiveWhateverTheRates() throws {
        let passing = try Self.judge(0, 3000, minimum: false)
        #expect(passing.verdict == .inconclusive && passing.reason == .belowMinimumSampleSize)
        let failing = try Self.judge(5, 1000, minimum: false)
        #expect(failing.verdict == .inconclusive && failing.reason == .belowMinimumSampleSize)
        let none = try Self.judge(0, 0)
        #expect(none.verdict == .inconclusive && none.reason == .noTrials && none.upperBound == nil)
    }

    @Test
    func overallVerdictIsTheWorstShallAndIgnoresShould() throws {
        let pass = try Self.judge(0, 3000)
        let inconclusive = try Self.judge(1, 3000)
        let failShould = try Self.judge(5, 1000, level: .should)
        #expect(RequirementEvaluation.overallVerdict([pass, failShould]) == .pass)
        #expect(RequirementEvaluation.overallVerdict([pass, inconclusive, failShould]) == .inconclusive)
        #expect(RequirementEvaluation.overallVerdict([pass, try Self.judge(5, 1000)]) == .fail)
        // No "shall" requirement: nothing to fail, so pass (reporting only), the runner's rule too.
        #expect(RequirementEvaluation.overallVerdict([failShould]) == .pass)
        #expect(RequirementEvaluation.overallVerdict([]) == .pass)
        #expect(Verdict.isReportingOnly([NormativeLevel.should]) && !Verdict.isReportingOnly([.should, .shall]))
    }

    @Test(arguments: [
        ([] as [Verdict], [] as [NormativeLevel], Verdict.pass),
        ([.fail], [.should], .pass),
        ([.inconclusive, .pass], [.shall, .shall], .inconclusive),
        ([.pass, .fail, .inconclusive], [.shall, .shall, .should], .fail),
    ])
    func overallIsTheWorstShallVerdictAndPassWithoutOne(verdicts: [Verdict], levels: [NormativeLevel], expected: Verdict) {
        #expect(Verdict.overall(zip(levels, verdicts).map { (level: $0, verdict: $1) }) == expected)
    }

    @Test
    func rejectsImpossibleInputs() {
        #expect(throws: MetricsError.self) { try Self.judge(4, 3) }
        #expect(throws: MetricsError.self) { try Self.judge(0, 10, limit: 1.5) }
        #expect(throws: MetricsError.self) { try Self.judge(0, 10, confidence: 1) }
        #expect(throws: MetricsError.self) { try Self.judge(-1, 10) }
    }

    @Test
    func scoreSetConvenienceCountsTheMetricAtTheThreshold() throws {
        let nonMated = (0..<3000).map { Double($0) / 3000 }  // one score (2999/3000) at or above 0.9996
        let set = try ScoreSet(
            mated: [0.95, 0.99, 0.5], nonMated: nonMated, failures: ComparisonFailures(mated: 1, nonMated: 0))
        let fmr = try set.evaluate(
            RateRequirement(metric: .fmr, limit: 1e-3, confidence: 0.8), threshold: 0.9996,
            minimumSampleSizeSatisfied: true)
        #expect(fmr.count == (try ErrorCount(errors: 1, trials: 3000)))
        #expect(fmr.threshold == 0.9996)
        let frr = try set.evaluate(
            RateRequirement(metric: .frr, limit: 0.1, confidence: 0.8), threshold: 0.9,
            minimumSampleSizeSatisfied: true)
        #expect(frr.count == (try ErrorCount(errors: 2, trials: 4)))  // the failure and the 0.5
        #expect(frr.verdict == .fail)
        let fte = try set.evaluate(
            RateRequirement(metric: .fte, limit: 0.01, confidence: 0.9), threshold: 0.9,
            minimumSampleSizeSatisfied: true, enrolmentAndAcquisition: [.fte: try ErrorCount(errors: 0, trials: 500)])
        #expect(fte.verdict == .pass)  // 1 − 0.1^(1/500) = 4.6e-3
        #expect(throws: MetricsError.self) {
            try set.evaluate(
                RateRequirement(metric: .fta, limit: 0.01, confidence: 0.9), threshold: 0.9,
                minimumSampleSizeSatisfied: true)
        }
    }
}
