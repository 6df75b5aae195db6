import BiometricMetrics
import Foundation
import Testing

/// Brute-force definitions, straight from the text of the standard, to test the fast paths against.
enum BruteForce {
    static func accepts(_ kind: ScoreKind, _ score: Double, _ threshold: Double) -> Bool {
        kind.accepts(score, threshold: threshold)
    }

    static func falseMatches(_ nonMated: [Double], _ kind: ScoreKind, _ t: Double) -> Int {
        nonMated.filter { accepts(kind, $0, t) }.count
    }

    static func falseNonMatches(_ mated: [Double], _ kind: ScoreKind, _ t: Double) -> Int {
        mated.filter { !accepts(kind, $0, t) }.count
    }

    /// Candidate thresholds from most permissive to strictest: −∞/+∞ ends and every distinct score.
    static func candidates(_ mated: [Double], _ nonMated: [Double], _ kind: ScoreKind) -> [Double] {
        let distinct = Set((mated + nonMated).map { $0 + 0.0 })
        switch kind {
        case .similarity: return [-.infinity] + distinct.sorted() + [.infinity]
        case .distance: return [.infinity] + distinct.sorted(by: >) + [-.infinity]
        }
    }

    struct Point {
        var threshold: Double
        var fm: Int
        var fnm: Int
    }

    static func points(_ mated: [Double], _ nonMated: [Double], _ kind: ScoreKind) -> [Point] {
        candidates(mated, nonMated, kind).map {
            Point(threshold: $0, fm: falseMatches(nonMated, kind, $0), fnm: falseNonMatches(mated, kind, $0))
        }
    }

    /// EER by the definition, searching every candidate.
    static func eer(_ mated: [Double], _ nonMated: [Double], _ kind: ScoreKind) -> (value: Double, threshold: Double) {
        let m = mated.count
        let n = nonMated.count
        var best: (key: (Int, Int), point: Point)?
        for (index, point) in points(mated, nonMated, kind).enumerated() {
            // Later index = stricter threshold; prefer it on full ties.
            let key = (abs(point.fm * m - point.fnm * n), -index)
            if best == nil || key < best!.key { best = (key, point) }
        }
        let point = best!.point
        return ((Double(point.fm) / Double(n) + Double(point.fnm) / Double(m)) / 2, point.threshold)
    }

    /// pyeer's get_eer_values on the candidate sweep.
    static func fvc(_ mated: [Double], _ nonMated: [Double], _ kind: ScoreKind) -> (low: Double, high: Double) {
        let m = Double(mated.count)
        let n = Double(nonMated.count)
        let all = points(mated, nonMated, kind)
        let fmr = all.map { Double($0.fm) / n }
        let fnmr = all.map { Double($0.fnm) / m }
        let t2 = all.indices.first { fmr[$0] - fnmr[$0] <= 0 }!
        let t1 = (fmr[t2] - fnmr[t2] != 0 && t2 != 0) ? t2 - 1 : t2
        if fmr[t1] + fnmr[t1] <= fmr[t2] + fnmr[t2] { return (fnmr[t1], fmr[t1]) }
        return (fmr[t2], fnmr[t2])
    }
}

/// A seeded generator for tests.
struct TestRandom: RandomNumberGenerator {
    var inner: SeededGenerator
    init(seed: UInt64) { inner = SeededGenerator(seed: seed) }
    mutating func next() -> UInt64 { inner.next() }

    mutating func normal(_ mean: Double, _ sd: Double) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return mean + sd * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
    }
}

func expectClose(
    _ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0, _ what: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let tolerance = max(absolute, relative * abs(expected))
    #expect(
        abs(actual - expected) <= tolerance, "\(what()): \(actual) vs expected \(expected)",
        sourceLocation: sourceLocation)
}
