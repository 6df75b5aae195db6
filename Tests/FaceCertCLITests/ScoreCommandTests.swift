import ArgumentParser
import BiometricMetrics
import Foundation
import Testing

@testable import facecert

struct ScoreCommandTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func file(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facecert-score-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let command = try ScoreCommand.parse(arguments + ["--json"])
        let data = Data(try command.report().utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let bob4 = """
        alice alice a1 0.91
        alice alice a2 0.62
        bob bob b1 0.85
        bob bob b2 0.40
        alice bob b1 0.45
        alice bob b2 0.30
        bob alice a1 0.70
        bob alice a2 0.20
        carol alice a1 0.10
        carol bob b1 0.35
        """

    @Test
    func bob4ScoresGiveTheLibrarysNumbers() throws {
        let path = try Self.file(Self.bob4, name: "scores.txt")
        let object = try Self.json([path, "--threshold", "0.6"])
        #expect(object["mated"] as? Int == 4)
        #expect(object["nonMated"] as? Int == 6)
        #expect(object["format"] as? String == "bob4")
        let set = try ScoreSet(mated: [0.91, 0.62, 0.85, 0.40], nonMated: [0.45, 0.30, 0.70, 0.20, 0.10, 0.35])
        let eer = try #require(set.equalErrorRate())
        #expect(object["eer"] as? Double == eer.value)
        #expect(object["eerThreshold"] as? Double == eer.threshold)
        let fmr = try #require(object["fmr"] as? [String: Any])
        #expect(fmr["value"] as? Double == 1.0 / 6)
        #expect(fmr["errors"] as? Int == 1 && fmr["trials"] as? Int == 6)
        let interval = try ClopperPearson.interval(try ErrorCount(errors: 1, trials: 6), confidence: 0.95)
        // Foundation's JSON parser (not the writer) may be an ulp off, hence the tolerance.
        #expect(abs((fmr["lower"] as? Double ?? -1) - interval.lower) <= 1e-15)
        #expect(abs((fmr["upper"] as? Double ?? -1) - interval.upper) <= 1e-15)
        #expect(fmr["confidence"] as? Double == 0.95 && fmr["method"] as? String == "clopperPearson")
        let fnmr = try #require(object["fnmr"] as? [String: Any])
        #expect(fnmr["value"] as? Double == 0.25)
        let atFMR = try #require(object["fnmrAtFmr"] as? [String: Any])
        #expect(Set(atFMR.keys) == ["0.01", "0.001", "0.0001", "1e-05", "1e-06"])
        let unreachable = try #require(atFMR["0.01"] as? [String: Any])
        #expect(unreachable["reachable"] as? Bool == false)  // 6 non-mated cannot resolve FMR = 1 %
        #expect(unreachable["nonMatedNeeded"] as? Int == 100)
    }

    @Test
    func bob5UsesTheThirdColumnAsTheRealIdentity() throws {
        let path = try Self.file("a m1 a s1 0.9\na m1 b s2 0.2\nb m2 b s3 0.8\n", name: "scores.bob5")
        let object = try Self.json([path, "--format", "bob5", "--at-fmr", "1"])
        #expect(object["mated"] as? Int == 2 && object["nonMated"] as? Int == 1)
        let atFMR = try #require(object["fnmrAtFmr"] as? [String: Any])
        let everything = try #require(atFMR["1.0"] as? [String: Any])
        #expect(everything["fnmr"] as? Double == 0 && everything["threshold"] as? String == "-Infinity")
    }

    @Test
    func csvEmptyAndNaNScoresAreFailedComparisons() throws {
        let path = try Self.file(
            """
            verification,enrolment,mated,score
            v1,e1,true,0.9
            v2,e2,true,
            v3,e3,true,NaN
            v4,e4,true,0.8
            v5,e1,false,0.7
            v6,e2,false,nan
            v7,e3,false,0.1

            """, name: "scores.csv")
        let object = try Self.json([path, "--threshold", "0.75"])
        #expect(object["format"] as? String == "csv")
        let failures = try #require(object["failures"] as? [String: Any])
        #expect(failures["mated"] as? Int == 2 && failures["nonMated"] as? Int == 1)
        // FNMR over scored: 0/2; FRR generalised: (2 failed + 0 rejected) / 4 attempted.
        #expect((object["fnmr"] as? [String: Any])?["value"] as? Double == 0)
        #expect((object["frr"] as? [String: Any])?["value"] as? Double == 0.5)
        // FMR over scored: 0/2 at 0.75; FAR over attempted: 0/3.
        #expect((object["far"] as? [String: Any])?["trials"] as? Int == 3)
    }

    @Test
    func distanceScoresAcceptAtOrBelowTheThreshold() throws {
        let path = try Self.file("a,a,true,0.2\nb,b,true,0.5\na,b,false,0.5\nb,a,false,0.9\n", name: "d.csv")
        let object = try Self.json([path, "--kind", "distance", "--threshold", "0.5"])
        #expect((object["fmr"] as? [String: Any])?["value"] as? Double == 0.5)
        #expect((object["fnmr"] as? [String: Any])?["value"] as? Double == 0)
    }

    @Test(arguments: [
        ("a a x 0.5\na b y\n", "scores.txt", 2, "expected 4 columns"),
        ("a,a,true,0.5\na,b,sometimes,0.3\n", "s.csv", 2, "mated must be true or false"),
        ("a,a,true,0.5\na,b,false,inf\n", "s.csv", 2, "not finite"),
        ("a,a,true,0.5\n\na,b,false,zero\n", "s.csv", 3, "is not a number"),
    ])
    func malformedLinesAreErrorsThatNameTheLine(text: String, name: String, line: Int, message: String) throws {
        let path = try Self.file(text, name: name)
        let command = try ScoreCommand.parse([path])
        #expect {
            _ = try command.report()
        } throws: { error in
            guard let error = error as? ScoreFile.ReadError else { return false }
            return error.line == line && error.message.contains(message) && "\(error)".contains("\(path):\(line):")
        }
    }

    /// 10 subjects: every mated score 0.9; non-mated 0.1 except `falseMatches` of them at 0.8 (bob4).
    static func separated(falseMatches: Int = 0) -> String {
        var lines: [String] = []
        var placed = 0
        for reference in 0..<10 {
            lines.append("s\(reference) s\(reference) p\(reference) 0.9")
            for probe in 0..<10 where probe != reference {
                let score = placed < falseMatches ? 0.8 : 0.1
                placed += 1
                lines.append("s\(reference) s\(probe) p\(probe) \(score)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A specs folder holding `score-profile@1.0.0` with `requirements`.
    static func specs(_ requirements: [String], minimums: String = "{}") throws -> String {
        let folder = try CLI.temporaryFolder()
        return try CLI.writeProfile(
            in: folder, id: "score-profile", requirements: requirements.joined(separator: ","), minimums: minimums
        ).path
    }

    static func requirement(
        _ id: String, _ metric: String, limit: Double, level: String = "shall", inclusive: Bool = true,
        fmrTarget: Double? = nil
    ) -> String {
        let point = fmrTarget.map { "{ \"kind\": \"fmrTarget\", \"fmr\": \($0) }" } ?? "{ \"kind\": \"declaredThreshold\" }"
        return """
            { "id": "\(id)", "metric": "\(metric)", "limit": \(limit), "limitInclusive": \(inclusive), \
            "operatingPoint": \(point), "confidence": 0.95, "level": "\(level)", "statement": "test" }
            """
    }

    static func requirements(_ object: [String: Any]) -> [String: [String: Any]] {
        var byID: [String: [String: Any]] = [:]
        for entry in object["requirements"] as? [[String: Any]] ?? [] {
            if let id = entry["id"] as? String { byID[id] = entry }
        }
        return byID
    }

    @Test
    func profilePassesWhenEveryUpperBoundIsWithinItsLimit() throws {
        let path = try Self.file(Self.separated(), name: "scores.txt")
        let specs = try Self.specs([
            Self.requirement("fmr", "FMR", limit: 0.05), Self.requirement("fnmr", "FNMR", limit: 0.5),
        ])
        let object = try Self.json([path, "--profile", "score-profile", "--specs", specs, "--threshold", "0.5"])
        #expect(object["profile"] as? String == "score-profile@1.0.0")
        #expect(object["verdict"] as? String == "pass")
        let byID = Self.requirements(object)
        // 0/90 non-mated accepted: one-sided 95 % upper bound 1 − 0.05^(1/90) ≈ 3.3 % ≤ 5 %.
        let fmr = try #require(byID["fmr"])
        #expect(fmr["verdict"] as? String == "pass" && fmr["errors"] as? Int == 0 && fmr["trials"] as? Int == 90)
        let bound = try ClopperPearson.upperBound(try ErrorCount(errors: 0, trials: 90), confidence: 0.95).upper
        #expect(abs((fmr["upper"] as? Double ?? -1) - bound) <= 1e-15)
        #expect(fmr["threshold"] as? Double == 0.5)
        #expect(byID["fnmr"]?["verdict"] as? String == "pass")
        let command = try ScoreCommand.parse([path, "--profile", "score-profile", "--specs", specs, "--threshold", "0.5"])
        let text = try command.report()
        #expect(text.contains("profile score-profile@1.0.0"))
        #expect(text.contains("verdict: PASS"))
        #expect(try command.evaluate().verdict == .pass)
    }

    @Test
    func profileFailsWhenAnObservedRateExceedsItsLimit() throws {
        let path = try Self.file(Self.separated(falseMatches: 5), name: "scores.txt")
        let specs = try Self.specs([
            Self.requirement("fmr", "FMR", limit: 0.01),
            Self.requirement("fnmr-should", "FNMR", limit: 0.5, level: "should"),
        ])
        let arguments = [path, "--profile", "score-profile", "--specs", specs, "--threshold", "0.5"]
        let object = try Self.json(arguments)
        #expect(object["verdict"] as? String == "fail")
        let fmr = try #require(Self.requirements(object)["fmr"])
        #expect(fmr["verdict"] as? String == "fail" && fmr["errors"] as? Int == 5)
        // The executable exits as `facecert run` does: 1 for fail.
        let outcome = try CLI.run(["score"] + arguments)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("verdict: FAIL"))
    }

    @Test
    func profileIsInconclusiveWhenTheBoundOrTheSampleIsTooSmall() throws {
        let path = try Self.file(Self.separated(), name: "scores.txt")
        // 0/10 mated rejected: the one-sided 95 % upper bound 25.9 % is above the 10 % limit; FTE is not judged.
        let specs = try Self.specs(
            [Self.requirement("fnmr", "FNMR", limit: 0.1), Self.requirement("fte", "FTE", limit: 0.1)])
        let arguments = [path, "--profile", "score-profile", "--specs", specs, "--threshold", "0.5"]
        let object = try Self.json(arguments)
        #expect(object["verdict"] as? String == "inconclusive")
        let byID = Self.requirements(object)
        #expect(byID["fnmr"]?["verdict"] as? String == "inconclusive")
        #expect((byID["fnmr"]?["additionalTrialsNeeded"] as? Int ?? 0) > 0)
        let fte = try #require(byID["fte"])
        #expect(fte["verdict"] as? String == "inconclusive")
        #expect((fte["explanation"] as? String ?? "").contains("a score file has no enrolment data"))
        #expect(try CLI.run(["score"] + arguments).status == 2)

        // Below the minimum sample sizes every requirement is inconclusive, even one that would pass.
        let small = try Self.specs(
            [Self.requirement("fnmr", "FNMR", limit: 0.5)], minimums: "{ \"nonMatedComparisons\": 1000 }")
        let below = try Self.json([path, "--profile", "score-profile", "--specs", small, "--threshold", "0.5"])
        #expect(below["verdict"] as? String == "inconclusive")
        #expect((below["minimumSampleSizeShortfalls"] as? [String])?.first?.contains("90 non-mated") == true)
    }

    @Test
    func requirementAtAnFMRTargetIsReadAtTheThresholdReachingIt() throws {
        let path = try Self.file(Self.separated(falseMatches: 5), name: "scores.txt")
        let specs = try Self.specs([Self.requirement("fnmr-at", "FNMR", limit: 0.5, fmrTarget: 0.05)])
        // No --threshold needed: the threshold is the most permissive one with FMR ≤ 5 % on these scores.
        let object = try Self.json([path, "--profile", "score-profile", "--specs", specs])
        let result = try #require(Self.requirements(object)["fnmr-at"])
        let point = try ScoreSet(
            mated: Array(repeating: 0.9, count: 10), nonMated: Array(repeating: 0.8, count: 5)
                + Array(repeating: 0.1, count: 85)
        ).operatingPoint(atFMR: 0.05)
        #expect(result["threshold"] as? Double == point.threshold)
        #expect(result["verdict"] as? String == "pass")
    }

    @Test
    func profileOfShouldRequirementsOnlyPassesAsReportingOnly() throws {
        let path = try Self.file(Self.separated(falseMatches: 5), name: "scores.txt")
        let specs = try Self.specs([Self.requirement("fmr", "FMR", limit: 0.01, level: "should")])
        let object = try Self.json([path, "--profile", "score-profile", "--specs", specs, "--threshold", "0.5"])
        #expect(Self.requirements(object)["fmr"]?["verdict"] as? String == "fail")
        #expect(object["verdict"] as? String == "pass")
        #expect(object["note"] as? String == Verdict.reportingOnlyNote)
    }

    @Test
    func declaredThresholdRequirementNeedsThreshold() throws {
        let path = try Self.file(Self.separated(), name: "scores.txt")
        let specs = try Self.specs([Self.requirement("fmr", "FMR", limit: 0.05)])
        let command = try ScoreCommand.parse([path, "--profile", "score-profile", "--specs", specs])
        #expect {
            _ = try command.report()
        } throws: { error in
            ScoreCommand.exitCode(for: error) == .validationFailure
                && ScoreCommand.message(for: error).contains("--threshold")
                && ScoreCommand.message(for: error).contains("fmr (FMR)")
        }
        #expect(try CLI.run(["score", path, "--profile", "score-profile", "--specs", specs]).status == 64)
    }

    @Test
    func unknownProfileIsAnInvalidProfileError() throws {
        let path = try Self.file(Self.separated(), name: "scores.txt")
        let specs = try Self.specs([Self.requirement("fmr", "FMR", limit: 0.05)])
        let command = try ScoreCommand.parse([path, "--profile", "no-such-profile", "--specs", specs])
        #expect(throws: ScoreCommand.ProfileError.self) { _ = try command.report() }
        let outcome = try CLI.run(
            ["score", path, "--profile", "no-such-profile", "--specs", specs, "--threshold", "0.5"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("no-such-profile"))
    }

    @Test
    func textReportIsATableThatSaysWhatIsNotReachable() throws {
        let path = try Self.file(Self.bob4, name: "scores.txt")
        let text = try ScoreCommand.parse([path, "--threshold", "0.6"]).report()
        #expect(text.contains("EER"))
        #expect(text.contains("not reachable: needs ≥ 100 non-mated comparisons, have 6"))
        #expect(text.contains("FRR"))
        #expect(text.contains("Clopper–Pearson"))
    }

    @Test
    func subjectsBootstrapIsSeededAndLabelled() throws {
        // 40 subjects, 5 mated comparisons each; subjects 0–3 fail all of theirs.
        var lines: [String] = []
        for subject in 0..<40 {
            for sample in 0..<5 {
                lines.append("s\(subject) s\(subject) p\(subject)-\(sample) \(subject < 4 ? 0.1 : 0.9)")
            }
            lines.append("s\((subject + 1) % 40) s\(subject) p\(subject)-0 0.\(subject % 10)")
        }
        let path = try Self.file(lines.joined(separator: "\n"), name: "scores.txt")
        let arguments = [path, "--threshold", "0.5", "--bootstrap", "200", "--seed", "9"]
        let first = try Self.json(arguments)
        let second = try Self.json(arguments)
        let fnmr = try #require(first["fnmr"] as? [String: Any])
        let resampled = try #require(fnmr["bootstrap"] as? [String: Any])
        #expect(resampled["method"] as? String == "subjectsBootstrap")
        #expect(resampled["replicates"] as? Int == 200 && resampled["seed"] as? Int == 9)
        #expect(NSDictionary(dictionary: fnmr).isEqual(to: (second["fnmr"] as? [String: Any]) ?? [:]))
        // Errors cluster in 4 subjects: the bootstrap interval is wider than Clopper–Pearson's.
        let width = (resampled["upper"] as? Double ?? 0) - (resampled["lower"] as? Double ?? 0)
        #expect(width > (fnmr["upper"] as? Double ?? 1) - (fnmr["lower"] as? Double ?? 0))
        let text = try ScoreCommand.parse(arguments).report()
        #expect(text.contains("subjects bootstrap (200 replicates, seed 9"))
    }

    @Test
    func bootstrapNeedsSubjectsAndAThreshold() throws {
        let csv = try Self.file("a,a,true,0.5\na,b,false,0.2\n", name: "s.csv")
        #expect(throws: ScoreFile.ReadError.self) {
            _ = try ScoreCommand.parse([csv, "--threshold", "0.5", "--bootstrap", "200"]).report()
        }
        #expect(throws: (any Error).self) { _ = try ScoreCommand.parse([csv, "--bootstrap", "200"]) }
    }

    @Test
    func badConfidenceIsAUsageError() throws {
        let path = try Self.file(Self.bob4, name: "scores.txt")
        #expect(throws: (any Error).self) { _ = try ScoreCommand.parse([path, "--confidence", "95"]) }
    }
}
