import BiometricMetrics
import Testing

/// A set built through a bounded NonMatedTail agrees exactly with the full set wherever it answers at all.
struct NonMatedTailTests {
    @Test(arguments: [(UInt64(21), 0, 50), (22, 20, 50), (23, 5, 7), (24, 0, 1), (25, 100, 400), (26, 3, 2000)])
    func tailAgreesWithTheFullSetWhereverItAnswers(seed: UInt64, levels: Int, capacity: Int) throws {
        let (mated, nonMated) = ScoreSetPropertyTests.randomSet(seed: seed, mated: 300, nonMated: 3000, levels: levels)
        for kind in ScoreKind.allCases {
            let full = try ScoreSet(mated: mated, nonMated: nonMated, kind: kind)
            var tail = try NonMatedTail(capacity: capacity, kind: kind)
            try tail.append(contentsOf: nonMated)
            #expect(tail.count == nonMated.count)
            let bounded = try ScoreSet(mated: mated, nonMatedTail: tail)
            #expect(bounded.nonMatedCount == full.nonMatedCount)
            #expect(bounded.nonMatedScores.count <= capacity)
            #expect(bounded.nonMatedScores.count + bounded.summarisedNonMatedCount == nonMated.count)
            let boundary = try #require(bounded.summarisedNonMatedBoundary)
            for t in BruteForce.candidates(mated, nonMated, kind) {
                let stricter = kind == .similarity ? t > boundary : t < boundary
                if stricter {
                    #expect(try bounded.falseMatches(at: t) == full.falseMatches(at: t), "\(kind) \(t)")
                } else if t.isFinite {
                    #expect(throws: MetricsError.self) { try bounded.falseMatches(at: t) }
                }
                #expect(try bounded.falseNonMatches(at: t) == full.falseNonMatches(at: t))
            }
            // FNMR at FMR is exact whenever the tail holds k + 1 scores.
            for target in [0.1, 0.01, 0.003, 1e-3, 1e-4] {
                let allowed = Int((target * Double(nonMated.count)).rounded(.down))
                if allowed + 1 <= bounded.nonMatedScores.count {
                    #expect(try bounded.operatingPoint(atFMR: target) == full.operatingPoint(atFMR: target))
                } else {
                    #expect(throws: MetricsError.self) { try bounded.operatingPoint(atFMR: target) }
                }
            }
            if let eer = bounded.equalErrorRate() { #expect(eer == full.equalErrorRate()) }
            let curve = try bounded.detCurve(maxPoints: 100_000)
            let fullCurve = try full.detCurve(maxPoints: 100_000)
            #expect(curve.points.allSatisfy { fullCurve.points.contains($0) })
        }
    }

    @Test
    func largeTailKeepsTheEqualErrorRate() throws {
        let (mated, nonMated) = ScoreSetPropertyTests.randomSet(seed: 31, mated: 500, nonMated: 5000, levels: 0)
        let full = try ScoreSet(mated: mated, nonMated: nonMated)
        var tail = try NonMatedTail(capacity: 1000)  // EER here is 16 %: 798 of 5000 non-mated
        try tail.append(contentsOf: nonMated)
        let bounded = try ScoreSet(mated: mated, nonMatedTail: tail)
        #expect(bounded.summarisedNonMatedCount >= 4000)
        #expect(bounded.equalErrorRate() != nil)
        #expect(bounded.equalErrorRate() == full.equalErrorRate())
        var small = try NonMatedTail(capacity: 50)
        try small.append(contentsOf: nonMated)
        #expect(try ScoreSet(mated: mated, nonMatedTail: small).equalErrorRate() == nil)
        #expect(throws: MetricsError.self) { try NonMatedTail(capacity: 0) }
        var bad = try NonMatedTail(capacity: 5)
        #expect(throws: MetricsError.self) { try bad.append(.nan) }
    }
}
