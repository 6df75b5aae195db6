import BiometricMetrics
import Testing

struct ScoreKindDecisionTests {
    @Test func similarityAcceptsAtAndAboveTheThreshold() {
        #expect(ScoreKind.similarity.accepts(0.5, threshold: 0.5))
        #expect(ScoreKind.similarity.accepts(0.6, threshold: 0.5))
        #expect(!ScoreKind.similarity.accepts(0.4, threshold: 0.5))
    }

    @Test func distanceAcceptsAtAndBelowTheThreshold() {
        #expect(ScoreKind.distance.accepts(0.5, threshold: 0.5))
        #expect(ScoreKind.distance.accepts(0.4, threshold: 0.5))
        #expect(!ScoreKind.distance.accepts(0.6, threshold: 0.5))
    }

    @Test func verdictsOrderBySeverity() {
        #expect([Verdict.fail, .pass, .inconclusive].max() == .fail)
        #expect([Verdict.pass, .inconclusive].max() == .inconclusive)
    }
}
