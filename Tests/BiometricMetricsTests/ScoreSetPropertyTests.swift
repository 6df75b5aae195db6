import Testing

@testable import BiometricMetrics

/// The fast paths of ScoreSet against brute-force definitions on seeded random score sets.
struct ScoreSetPropertyTests {
    /// A random score set: `levels` > 0 rounds scores to that many values (ties within and across the sets).
    static func randomSet(seed: UInt64, mated: Int, nonMated: Int, levels: Int = 0) -> ([Double], [Double]) {
        var random = TestRandom(seed: seed)
        func draw(_ mean: Double) -> Double {
            let value = random.normal(mean, 0.15)
            return levels > 0 ? (value * Double(levels)).rounded() / Double(levels) : value
        }
        return ((0..<mated).map { _ in draw(0.65) }, (0..<nonMated).map { _ in draw(0.35) })
    }

    static let cases: [(seed: UInt64, mated: Int, nonMated: Int, levels: Int)] = [
        (1, 40, 300, 0), (2, 40, 300, 20), (3, 7, 9, 3), (4, 1, 1, 0), (5, 1, 50, 10), (6, 60, 1, 10),
        (7, 200, 200, 1000), (8, 25, 400, 5), (9, 120, 2000, 0),
    ]

    @Test
    func radixSortAgreesWithStandardSort() {
        var random = TestRandom(seed: 42)
        for size in [0, 1, 2, 47, 48, 49, 1000, 100_000] {
            var values = (0..<size).map { _ -> Double in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: return Double.random(in: -1e300...1e300, using: &random)
                case 1: return Double(Int.random(in: -5...5, using: &random))
                case 2: return random.normal(0, 1e-300)
                default: return random.normal(0.5, 0.1)
                }
            }
            let expected = values.sorted()
            RadixSort.sort(&values)
            #expect(values == expected, "size \(size)")
        }
    }

    @Test(arguments: 0..<cases.count)
    func ratesAtEveryThresholdMatchTheDefinition(index: Int) throws {
        let c = Self.cases[index]
        let (mated, nonMated) = Self.randomSet(seed: c.seed, mated: c.mated, nonMated: c.nonMated, levels: c.levels)
        for kind in ScoreKind.allCases {
            let set = try ScoreSet(mated: mated, nonMated: nonMated, kind: kind)
            var thresholds = BruteForce.candidates(mated, nonMated, kind)
            thresholds +=
                thresholds.filter(\.isFinite).map { $0.nextUp } + thresholds.filter(\.isFinite).map { $0.nextDown }
            for t in thresholds {
                #expect(
                    try set.falseMatches(at: t).errors == BruteForce.falseMatches(nonMated, kind, t), "\(kind) \(t)")
                #expect(
                    try set.falseNonMatches(at: t).errors == BruteForce.falseNonMatches(mated, kind, t), "\(kind) \(t)")
            }
        }
    }

    @Test(arguments: 0..<cases.count)
    func equalErrorRateMatchesTheDefinition(index: Int) throws {
        let c = Self.cases[index]
        let (mated, nonMated) = Self.randomSet(seed: c.seed, mated: c.mated, nonMated: c.nonMated, levels: c.levels)
        for kind in ScoreKind.allCases {
            let set = try ScoreSet(mated: mated, nonMated: nonMated, kind: kind)
            let eer = try #require(set.equalErrorRate())
            let brute = BruteForce.eer(mated, nonMated, kind)
            #expect(eer.value == brute.value, "\(kind) case \(index)")
            #expect(eer.threshold == brute.threshold, "\(kind) case \(index)")
            let fvc = BruteForce.fvc(mated, nonMated, kind)
            #expect(eer.fvcLow == fvc.low && eer.fvcHigh == fvc.high, "\(kind) case \(index)")
            #expect(eer.fvcLow <= eer.fvcHigh)
        }
    }

    @Test(arguments: 0..<cases.count)
    func fnmrAtFMRIsTheMostPermissiveThresholdWithinTheTarget(index: Int) throws {
        let c = Self.cases[index]
        let (mated, nonMated) = Self.randomSet(seed: c.seed, mated: c.mated, nonMated: c.nonMated, levels: c.levels)
        for kind in ScoreKind.allCases {
            let set = try ScoreSet(mated: mated, nonMated: nonMated, kind: kind)
            let all = BruteForce.points(mated, nonMated, kind)
            for target in [1.0, 0.5, 0.1, 0.05, 0.01, 0.003, 1e-3, 1e-6] {
                let point = try set.operatingPoint(atFMR: target)
                let brute = all.first { Double($0.fm) / Double(nonMated.count) <= target }!
                #expect(point.threshold == brute.threshold, "\(kind) \(target) case \(index)")
                #expect(point.falseMatches.errors == brute.fm)
                #expect(point.falseNonMatches.errors == brute.fnm)
                #expect((point.fmr ?? 2) <= target)
                #expect(point.isReachable == (Double(nonMated.count) * target >= 1))
            }
        }
    }

    @Test(arguments: 0..<cases.count)
    func detCurveIsTheFullSweepOrAShapePreservingSubsetOfIt(index: Int) throws {
        let c = Self.cases[index]
        let (mated, nonMated) = Self.randomSet(seed: c.seed, mated: c.mated, nonMated: c.nonMated, levels: c.levels)
        let set = try ScoreSet(mated: mated, nonMated: nonMated)
        let brute = BruteForce.points(mated, nonMated, .similarity)
        let full = try set.detCurve(maxPoints: 1_000_000)
        #expect(full.points.count == brute.count)
        for (point, expected) in zip(full.points, brute) {
            #expect(point.threshold == expected.threshold)
            #expect(point.fmr == Double(expected.fm) / Double(nonMated.count))
            #expect(point.fnmr == Double(expected.fnm) / Double(mated.count))
        }
        let small = try set.detCurve(maxPoints: 20)
        #expect(small.points.count <= 20)
        #expect(small.fullPointCount == full.points.count)
        #expect(small.points.first == full.points.first)
        #expect(small.points.last == full.points.last)
        // A subsequence of the full curve, in order.
        var position = full.points.startIndex
        for point in small.points {
            let found = full.points[position...].firstIndex(of: point)
            #expect(found != nil, "decimated point \(point) not on the curve")
            position = (found ?? position) + 1
        }
    }

    @Test
    func decimationKeepsEveryLargeStep() throws {
        // A curve with one big jump in the middle: both corners of the jump must survive decimation.
        var mated = (0..<5000).map { 0.5 + Double($0) * 1e-5 }
        mated += [Double](repeating: 0.2, count: 5000)
        let nonMated = (0..<5000).map { Double($0) * 1e-5 }
        let set = try ScoreSet(mated: mated, nonMated: nonMated)
        let curve = try set.detCurve(maxPoints: 40)
        #expect(curve.points.count <= 40)
        let jumpLow = curve.points.contains { $0.fnmr == 0 && $0.fmr < 1 }
        let jumpHigh = curve.points.contains { $0.fnmr == 0.5 }
        #expect(jumpLow && jumpHigh)
    }

    @Test
    func emptySetsGiveUndefinedRatesNotZeros() throws {
        let empty = try ScoreSet(mated: [], nonMated: [])
        #expect(try empty.falseMatches(at: 0.5) == ErrorCount(errors: 0, trials: 0))
        #expect(try empty.falseMatches(at: 0.5).rate == nil)
        #expect(empty.equalErrorRate() == nil)
        #expect(try !empty.operatingPoint(atFMR: 0.01).isReachable)
        #expect(try empty.detCurve().points.count == 2)
        let onlyMated = try ScoreSet(mated: [0.9], nonMated: [])
        #expect(onlyMated.equalErrorRate() == nil)
        #expect(try onlyMated.falseNonMatches(at: 0.95).rate == 1)
    }

    @Test
    func allEqualScoresGiveTheExtremesOnly() throws {
        let set = try ScoreSet(mated: [0.5, 0.5, 0.5], nonMated: [0.5, 0.5])
        let eer = try #require(set.equalErrorRate())
        // Candidates: −∞ (FMR 1, FNMR 0), 0.5 (1, 0), +∞ (0, 1): all |diff| = 1, mean 0.5; the strictest wins.
        #expect(eer.value == 0.5)
        #expect(eer.threshold == .infinity)
        #expect(try set.falseMatches(at: 0.5).rate == 1)
        #expect(try set.falseNonMatches(at: 0.5).rate == 0)
        let point = try set.operatingPoint(atFMR: 0.5)
        #expect(point.threshold == .infinity && point.fnmr == 1)
    }

    @Test
    func singleScoresWork() throws {
        let set = try ScoreSet(mated: [0.8], nonMated: [0.3])
        let eer = try #require(set.equalErrorRate())
        #expect(eer.value == 0)
        #expect(eer.threshold == 0.8)
        #expect(try set.operatingPoint(atFMR: 1e-3).threshold == 0.8)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteScoresAreRejectedWithTheirIndex(bad: Double) {
        #expect {
            _ = try ScoreSet(mated: [0.1, 0.2, bad], nonMated: [0.3])
        } throws: { error in
            guard let error = error as? MetricsError else { return false }
            return error.code == .nonFiniteScore && error.message.contains("index 2") && error.message.contains("mated")
        }
        #expect(throws: MetricsError.self) { _ = try ScoreSet(mated: [], nonMated: [bad], kind: .distance) }
        #expect(throws: MetricsError.self) { _ = try ScoreSet(mated: [0.3], nonMated: [0.3]).falseMatches(at: .nan) }
    }

    @Test
    func negativeZeroIsTheSameScoreAsZero() throws {
        let set = try ScoreSet(mated: [-0.0, 1], nonMated: [0.0, -1])
        #expect(try set.detCurve(maxPoints: 100).fullPointCount == 5)  // −∞, −1, 0, 1, +∞
        #expect(try set.falseMatches(at: -0.0).errors == 1)
    }

    @Test
    func distanceScoresAreNegatedSimilarityScores() throws {
        let (mated, nonMated) = Self.randomSet(seed: 77, mated: 300, nonMated: 3000, levels: 50)
        let similarity = try ScoreSet(mated: mated, nonMated: nonMated, kind: .similarity)
        let distance = try ScoreSet(mated: mated.map { -$0 }, nonMated: nonMated.map { -$0 }, kind: .distance)
        let a = try #require(similarity.equalErrorRate())
        let b = try #require(distance.equalErrorRate())
        #expect(a.value == b.value && a.threshold == -b.threshold)
        for target in ScoreSet.standardFMRTargets {
            let p = try similarity.operatingPoint(atFMR: target)
            let q = try distance.operatingPoint(atFMR: target)
            #expect(p.fnmr == q.fnmr && p.threshold == -q.threshold)
        }
        #expect(distance.matedScores.first == mated.min().map { -$0 })
    }

    @Test
    func generalisedRatesCountFailuresAsISO19795Says() throws {
        let set = try ScoreSet(
            mated: [0.9, 0.8, 0.2, 0.7], nonMated: [0.1, 0.6, 0.2, 0.3, 0.1, 0.2],
            failures: ComparisonFailures(mated: 1, nonMated: 2))
        let t = 0.5
        let fmr = try set.errorCount(.fmr, at: t)
        let fnmr = try set.errorCount(.fnmr, at: t)
        let far = try set.errorCount(.far, at: t)
        let frr = try set.errorCount(.frr, at: t)
        #expect(fmr == (try ErrorCount(errors: 1, trials: 6)))
        #expect(fnmr == (try ErrorCount(errors: 1, trials: 4)))
        #expect(far == (try ErrorCount(errors: 1, trials: 8)))
        #expect(frr == (try ErrorCount(errors: 2, trials: 5)))
        // FAR = FMR·(1 − FTA), FRR = FTA + FNMR·(1 − FTA) with FTA the failed fraction of attempts.
        let ftaNonMated = 2.0 / 8
        let ftaMated = 1.0 / 5
        #expect(abs(far.rate! - fmr.rate! * (1 - ftaNonMated)) < 1e-15)
        #expect(abs(frr.rate! - (ftaMated + fnmr.rate! * (1 - ftaMated))) < 1e-15)
        #expect(throws: MetricsError.self) { _ = try set.errorCount(.fte, at: t) }
    }

    @Test
    func histogramCountsEveryScoreOnce() throws {
        let (mated, nonMated) = Self.randomSet(seed: 5, mated: 500, nonMated: 2000, levels: 40)
        let set = try ScoreSet(mated: mated, nonMated: nonMated)
        let histogram = try set.histogram(binCount: 17)
        #expect(histogram.edges.count == 18)
        #expect(histogram.mated.reduce(0, +) == 500 && histogram.nonMated.reduce(0, +) == 2000)
        let clipped = try set.histogram(binCount: 4, range: 0.3...0.6)
        let inside = mated.filter { $0 >= 0.3 && $0 <= 0.6 }.count
        #expect(clipped.mated.reduce(0, +) == inside)
        #expect(clipped.matedBelowRange == mated.filter { $0 < 0.3 }.count)
        #expect(clipped.matedAboveRange == mated.filter { $0 > 0.6 }.count)
        let edgeBin = clipped.edges[1]
        #expect(clipped.mated[1] == mated.filter { $0 >= edgeBin && $0 < clipped.edges[2] }.count)
    }
}
