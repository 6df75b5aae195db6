import BiometricMetrics
import Foundation
import Testing

/// facecert against scikit-learn, pyeer, bob.measure and scipy on fixed score sets
/// (values written by scripts/crosscheck/make_expected.py, see Fixtures/expected.json "versions").
struct CrossCheckTests {
    struct ScoreFile {
        var mated: [Double] = []
        var nonMated: [Double] = []
    }

    static func fixturesURL() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil), "Fixtures resource missing")
    }

    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: fixturesURL().appendingPathComponent("expected.json"))
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any])
    }

    static func load(_ file: String) throws -> ScoreFile {
        let text = try String(contentsOf: fixturesURL().appendingPathComponent(file), encoding: .utf8)
        var scores = ScoreFile()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let value = try #require(Double(String(parts[1])), "bad fixture line \(line)")
            if parts[0] == "m" { scores.mated.append(value) } else { scores.nonMated.append(value) }
        }
        return scores
    }

    static let setNames = ["continuous", "ties", "distance", "overlap", "small", "integers"]

    static func fixture(_ name: String) throws -> (set: ScoreSet, raw: ScoreFile, expected: [String: Any]) {
        let all = try #require(expected()["sets"] as? [String: Any])
        let entry = try #require(all[name] as? [String: Any])
        let kindName = try #require(entry["kind"] as? String)
        let kind = try #require(ScoreKind(rawValue: kindName))
        let file = try #require(entry["file"] as? String)
        let raw = try load(file)
        #expect(raw.mated.count == entry["mated"] as? Int)
        #expect(raw.nonMated.count == entry["nonMated"] as? Int)
        return (try ScoreSet(mated: raw.mated, nonMated: raw.nonMated, kind: kind), raw, entry)
    }

    static func number(_ object: Any?, _ key: String) throws -> Double {
        let dictionary = try #require(object as? [String: Any])
        switch dictionary[key] {
        case let text as String where text == "Infinity": return .infinity
        case let text as String where text == "-Infinity": return -.infinity
        case let text as String:
            // Numbers are stored as shortest round-trip strings: JSON parsers need not round correctly.
            guard let value = Double(text) else {
                Issue.record("\(key) = \(text) is not a number")
                return .nan
            }
            return value
        case let number as NSNumber where number.doubleValue.rounded() == number.doubleValue:
            return number.doubleValue  // integers only
        default:
            Issue.record("missing or non-numeric \(key)")
            return .nan
        }
    }

    @Test(arguments: setNames)
    func equalErrorRateMatchesScikitLearnCurve(name: String) throws {
        let (set, _, entry) = try Self.fixture(name)
        let eer = try #require(set.equalErrorRate())
        expectClose(eer.value, try Self.number(entry["sklearn"], "eer"), relative: 1e-15, "\(name) EER")
        #expect(eer.threshold == (try Self.number(entry["sklearn"], "eerThreshold")), "\(name) EER threshold")
    }

    @Test(arguments: setNames)
    func fvcIntervalMatchesPyeer(name: String) throws {
        let (set, _, entry) = try Self.fixture(name)
        let eer = try #require(set.equalErrorRate())
        expectClose(eer.fvcLow, try Self.number(entry["pyeer"], "eerLow"), relative: 1e-15, "\(name) EERlow")
        expectClose(eer.fvcHigh, try Self.number(entry["pyeer"], "eerHigh"), relative: 1e-15, "\(name) EERhigh")
        expectClose(eer.fvcValue, try Self.number(entry["pyeer"], "eer"), relative: 1e-14, "\(name) pyeer EER")
        #expect(eer.fvcThreshold == (try Self.number(entry["pyeer"], "eerThreshold")), "\(name) pyeer threshold")
    }

    @Test(arguments: setNames)
    func fnmrAtFMRMatchesScikitLearn(name: String) throws {
        let (set, _, entry) = try Self.fixture(name)
        let sklearn = try #require((entry["sklearn"] as? [String: Any])?["fnmrAtFmr"] as? [String: Any])
        #expect(!sklearn.isEmpty)
        for (key, value) in sklearn {
            let target = try #require(Double(key))
            let point = try set.operatingPoint(atFMR: target)
            expectClose(point.fnmr ?? -1, try Self.number(value, "fnmr"), relative: 1e-15, "\(name) FNMR@\(key)")
            expectClose(point.fmr ?? -1, try Self.number(value, "fmr"), relative: 1e-15, "\(name) FMR@\(key)")
            #expect(point.threshold == (try Self.number(value, "threshold")), "\(name) threshold@\(key)")
            #expect(point.isReachable == ((value as? [String: Any])?["reachable"] as? Bool), "\(name) \(key)")
        }
    }

    @Test(arguments: setNames)
    func ratesAtThresholdsMatchScikitLearn(name: String) throws {
        let (set, _, entry) = try Self.fixture(name)
        let rows = try #require((entry["sklearn"] as? [String: Any])?["atThreshold"] as? [[String: Any]])
        for row in rows {
            let t = try Self.number(row, "threshold")
            expectClose(
                try set.falseMatches(at: t).rate ?? -1, try Self.number(row, "fmr"), relative: 1e-15,
                "\(name) FMR(\(t))")
            expectClose(
                try set.falseNonMatches(at: t).rate ?? -1, try Self.number(row, "fnmr"), relative: 1e-15,
                absolute: 1e-15, "\(name) FNMR(\(t))")  // sklearn's FNR is 1 − TPR, rounded
        }
        // sklearn's curve is +∞ and every distinct score; facecert adds −∞.
        let curvePoints = try #require((entry["sklearn"] as? [String: Any])?["curvePoints"] as? Int)
        #expect(try set.detCurve(maxPoints: 1_000_000).points.count == curvePoints + 1)
    }

    @Test(arguments: setNames)
    func bobMeasureRatesAgreeAtBobsThresholds(name: String) throws {
        let (set, _, entry) = try Self.fixture(name)
        let bob = try #require(entry["bob"] as? [String: Any])
        // bob.measure's farfrr at its own far_threshold equals facecert's rates there.
        let far = try #require(bob["farThreshold"] as? [String: Any])
        for (key, value) in far {
            let t = try Self.number(value, "threshold")
            let target = try #require(Double(key))
            expectClose(try set.falseMatches(at: t).rate ?? -1, try Self.number(value, "fmr"), relative: 1e-15, "FMR")
            expectClose(
                try set.falseNonMatches(at: t).rate ?? -1, try Self.number(value, "fnmr"), relative: 1e-15, "FNMR")
            // bob sets the threshold on non-mated scores only, so facecert's most permissive threshold never
            // has a higher FNMR.
            let point = try set.operatingPoint(atFMR: target)
            if point.isReachable { #expect((point.fnmr ?? 2) <= (try Self.number(value, "fnmr")), "\(name) \(key)") }
        }
        // bob's EER point: facecert's rates at bob's threshold are bob's, and facecert's point is at least as
        // close to equal (bob accumulates the rates in floating point and can step past exact ties).
        let t = try Self.number(bob, "eerThreshold")
        let fmr = try set.falseMatches(at: t).rate ?? -1
        let fnmr = try set.falseNonMatches(at: t).rate ?? -1
        expectClose(fmr, try Self.number(bob, "eerFMR"), relative: 1e-12, "\(name) bob EER FMR")
        expectClose(fnmr, try Self.number(bob, "eerFNMR"), relative: 1e-12, "\(name) bob EER FNMR")
        let eer = try #require(set.equalErrorRate())
        #expect(abs(eer.fmr - eer.fnmr) <= abs(fmr - fnmr) + 1e-15, "\(name)")
        if abs(abs(eer.fmr - eer.fnmr) - abs(fmr - fnmr)) > 1e-12 {
            // Different points only when facecert's is strictly closer.
            #expect(abs(eer.fmr - eer.fnmr) < abs(fmr - fnmr))
        } else if abs(eer.value - (try Self.number(bob, "eer"))) > 1e-15 {
            // An exact tie in |FMR − FNMR| (in integer counts): facecert takes the stricter threshold; bob.measure
            // accumulates FAR/FRR by repeated float subtraction, so which side it lands on is rounding noise.
            let m = set.matedCount
            let n = set.nonMatedCount
            let bobFM = try set.falseMatches(at: t).errors
            let bobFNM = try set.falseNonMatches(at: t).errors
            #expect(
                abs(bobFM * m - bobFNM * n) == abs(eer.falseMatches.errors * m - eer.falseNonMatches.errors * n),
                "\(name): bob's EER point is not tied with facecert's")
            #expect(eer.threshold > t, "\(name): facecert takes the stricter of tied thresholds")
        }
    }

    @Test
    func clopperPearsonMatchesScipyBetaPPF() throws {
        let expected = try Self.expected()
        let rows = try #require(expected["clopperPearson"] as? [[String: Any]])
        #expect(rows.count >= 20)
        for row in rows {
            let errors = try #require(row["errors"] as? Int)
            let trials = try #require(row["trials"] as? Int)
            let count = try ErrorCount(errors: errors, trials: trials)
            let confidence = try Self.number(row, "confidence")
            let upper = try ClopperPearson.upperBound(count, confidence: confidence)
            let two = try ClopperPearson.interval(count, confidence: confidence)
            expectClose(
                upper.upper, try Self.number(row, "upperOneSided"), relative: 1e-9, "upper \(count) @\(confidence)")
            expectClose(
                two.lower, try Self.number(row, "lowerTwoSided"), relative: 1e-9, "lower2 \(count) @\(confidence)")
            expectClose(
                two.upper, try Self.number(row, "upperTwoSided"), relative: 1e-9, "upper2 \(count) @\(confidence)")
            #expect(upper.method == .clopperPearson && upper.sides == .upperOneSided && two.sides == .twoSided)
        }
    }

    @Test
    func betaCDFMatchesScipy() throws {
        let expected = try Self.expected()
        let rows = try #require(expected["betaCDF"] as? [[String: Any]])
        for row in rows {
            let x = try Self.number(row, "x")
            let a = try Self.number(row, "a")
            let b = try Self.number(row, "b")
            expectClose(
                BetaDistribution.cdf(x, a: a, b: b), try Self.number(row, "cdf"), relative: 1e-10, absolute: 1e-300,
                "I_\(x)(\(a), \(b))")
        }
    }

    @Test
    func trialsNeededMatchesScipyBisection() throws {
        let expected = try Self.expected()
        let rows = try #require(expected["trialsNeeded"] as? [[String: Any]])
        for row in rows {
            let needed = try ClopperPearson.trialsNeeded(
                observedRate: try Self.number(row, "observedRate"), limit: try Self.number(row, "limit"),
                confidence: try Self.number(row, "confidence"))
            #expect(needed == row["trialsNeeded"] as? Int, "\(row)")
        }
    }

    @Test
    func probitMatchesScipyNormPPF() throws {
        let expected = try Self.expected()
        let rows = try #require(expected["probit"] as? [[String: Any]])
        for row in rows {
            let p = try Self.number(row, "p")
            expectClose(
                NormalDistribution.quantile(p), try Self.number(row, "quantile"), relative: 1e-13, absolute: 1e-15,
                "probit(\(p))")
            expectClose(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, relative: 1e-12, "Φ(Φ⁻¹(\(p)))")
        }
    }
}
