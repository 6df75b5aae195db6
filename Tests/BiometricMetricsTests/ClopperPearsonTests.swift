import BiometricMetrics
import Foundation
import Testing

struct ClopperPearsonTests {
    @Test(arguments: [(1, 0.95), (10, 0.8), (3000, 0.95), (1_000_000, 0.99)])
    func zeroErrorUpperBoundIsTheClosedForm(trials: Int, confidence: Double) throws {
        let bound = try ClopperPearson.upperBound(try ErrorCount(errors: 0, trials: trials), confidence: confidence)
        let closed = 1 - pow(1 - confidence, 1 / Double(trials))
        expectClose(bound.upper, closed, relative: 1e-9, "CP(0, \(trials))")  // pow loses digits; the bound does not
        // Exact bound ≤ the −ln(1−C)/n multiplier rule ≤ 1.
        let multiplier = try ZeroErrorBound.upperBound(trials: trials, confidence: confidence)
        #expect(bound.upper <= multiplier.upper)
        #expect(multiplier.method == .zeroErrorMultiplier)
    }

    @Test
    func ruleOfThreeAndItsMultipliers() throws {
        #expect(try ZeroErrorBound.ruleOfThree(trials: 3000).upper == 1e-3)
        #expect(try ZeroErrorBound.ruleOfThree(trials: 3000).method == .ruleOfThree)
        expectClose(ZeroErrorBound.multiplier(confidence: 0.95), 2.995732273553991, relative: 1e-15, "95 %")
        expectClose(ZeroErrorBound.multiplier(confidence: 0.8), 1.6094379124341003, relative: 1e-15, "80 %")
        expectClose(ZeroErrorBound.multiplier(confidence: 0.9), 2.302585092994046, relative: 1e-15, "90 %")
        #expect(try ZeroErrorBound.trialsNeeded(limit: 1e-4, confidence: 0.95) == 29958)
        #expect(throws: MetricsError.self) { try ZeroErrorBound.ruleOfThree(trials: 0) }
    }

    @Test
    func boundsAreOrderedAndCoverTheObservedRate() throws {
        var random = TestRandom(seed: 11)
        for _ in 0..<200 {
            let trials = Int.random(in: 1...5000, using: &random)
            let errors = Int.random(in: 0...trials, using: &random)
            let confidence = Double.random(in: 0.5...0.999, using: &random)
            let count = try ErrorCount(errors: errors, trials: trials)
            let two = try ClopperPearson.interval(count, confidence: confidence)
            let one = try ClopperPearson.upperBound(count, confidence: confidence)
            let rate = Double(errors) / Double(trials)
            #expect(two.lower <= rate && rate <= two.upper, "\(count) @\(confidence)")
            #expect(one.upper <= two.upper + 1e-15, "one-sided C is the two-sided (2C−1) bound")
            #expect(one.upper >= rate)
            // The upper bound is the C-quantile: I_upper(k+1, n−k) = C.
            if errors < trials {
                expectClose(
                    BetaDistribution.cdf(one.upper, a: Double(errors + 1), b: Double(trials - errors)), confidence,
                    relative: 1e-10, "I(upper) for \(count)")
            }
        }
    }

    @Test
    func emptyAndFullCountsGiveTheTrivialBounds() throws {
        let none = try ClopperPearson.interval(try ErrorCount(errors: 0, trials: 0), confidence: 0.95)
        #expect(none.lower == 0 && none.upper == 1)
        let all = try ClopperPearson.upperBound(try ErrorCount(errors: 7, trials: 7), confidence: 0.95)
        #expect(all.upper == 1)
        #expect(throws: MetricsError.self) {
            try ClopperPearson.upperBound(try ErrorCount(errors: 0, trials: 5), confidence: 0)
        }
        #expect(throws: MetricsError.self) { try ErrorCount(errors: 6, trials: 5) }
    }

    @Test
    func trialsNeededIsNilWhenTheRateCannotBeShown() throws {
        #expect(try ClopperPearson.trialsNeeded(observedRate: 0.01, limit: 0.01, confidence: 0.95) == nil)
        #expect(try ClopperPearson.trialsNeeded(observedRate: 0.02, limit: 0.01, confidence: 0.95) == nil)
        #expect(try ClopperPearson.trialsNeeded(observedRate: 0, limit: 1e-3, confidence: 0.95) == 2995)
    }
}
