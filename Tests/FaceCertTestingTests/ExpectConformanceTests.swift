import BiometricMetrics
import ConformanceRunner
import FaceCertTesting
import Foundation
import Testing

struct ExpectConformanceTests {
    @Test func aConformingMatcherRecordsNoIssueAndWritesEveryReport() async throws {
        let suite = try Scratch.suite(blankImages: 2)
        defer { Scratch.remove(suite) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        // Any issue recorded here fails this test: that is the assertion.
        let check = try await expectConformance(
            of: RasterCosineMatcher(), suite: suite, profile: "facecert-demo", reportDirectory: out)
        #expect(check.verdict == .pass)
        #expect(check.problems.isEmpty)
        #expect(check.report.requirements.map(\.verdict) == [.pass, .pass, .pass])
        #expect(check.report.expectedOutcomes.allSatisfy { $0.conforms })
        #expect(check.reportDirectory.path == out.standardizedFileURL.path)
        #expect(check.reportFiles.map(\.lastPathComponent) == ["report.json", "junit.xml", "report.md", "report.html"])
        for file in check.reportFiles { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path)") }
    }

    @Test func aFailingRequirementIsOneIssueNamingTheRequirementRateBoundAndLimit() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let specs = try Scratch.gateSpecs()
        defer { Scratch.remove(specs) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        let trailer =
            "Matcher brightness 0.1.0, suite pattern-suite@1.0.0, seed \(defaultConformanceSeed). Reports: "
            + out.standardizedFileURL.path
        let expected = [
            "Requirement fnmr-at-fmr-1e-2 (\"shall\", profile test-release-gate@1.0.0) fails: FNMR observed "
                + "98.33 % (59/60) at threshold 0.999565 is not within the limit ≤ 20 %; upper bound 99.91 % (lower 91.06 %) at 95 % "
                + "confidence (clopper-pearson one-sided upper). "
        ].map { $0 + trailer }
        let seen = SeenIssues()
        try await withKnownIssue {
            try await expectConformance(
                of: BrightnessMatcher(), suite: suite, profile: "test-release-gate", specs: specs, reportDirectory: out)
        } matching: { issue in
            seen.see(issue)
        }
        #expect(seen.messages == expected)
        #expect(seen.levels == [.error])
        // The same problems, as values (the run is repeated with the same seed, so the same numbers).
        let result = try await evaluateConformance(
            of: BrightnessMatcher(), suite: suite, profile: "test-release-gate", specs: specs, reportDirectory: out)
        #expect(result.problems.map(\.message) == expected)
        #expect(result.verdict == .fail)
        #expect(result.problems.map(\.kind) == [.requirementFailed])
        #expect(result.problems.map(\.subject) == ["fnmr-at-fmr-1e-2"])
    }

    @Test func anInconclusiveRequirementIsAFailureByDefault() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        let seen = SeenIssues()
        try await withKnownIssue {
            try await expectConformance(
                of: RasterCosineMatcher(), suite: suite, profile: "nist-sp800-63b-4", reportDirectory: out)
        } matching: { issue in
            seen.see(issue)
        }
        let trailer =
            "Matcher raster-cosine 1.0.0, suite pattern-suite@1.0.0, seed \(defaultConformanceSeed). Reports: "
            + out.standardizedFileURL.path
        // The "shall" FMR requirement is an error; the "should" FNMR one only a warning.
        #expect(seen.levels == [.error, .warning])
        #expect(
            seen.messages == [
                "Requirement fmr (\"shall\", profile nist-sp800-63b-4@1.0.0) is inconclusive: FMR observed 0 % "
                    + "(0/1710) at threshold 0.5, limit ≤ 0.01 %; upper bound 0.175 % (lower 0 %) at 95 % confidence "
                    + "(clopper-pearson one-sided upper). The suite is below the "
                    + "profile's minimum sample sizes, so this cannot be shown either way (observed 0 %, 0/1710). "
                    + "About 28246 more trials would show the limit if the observed rate held. " + trailer,
                "Recommendation fnmr (\"should\", profile nist-sp800-63b-4@1.0.0) is inconclusive: FNMR observed 0 % "
                    + "(0/60) at threshold 0.5, limit < 5 %; upper bound 4.87 % (lower 0 %) at 95 % confidence "
                    + "(clopper-pearson one-sided upper). " + trailer,
            ])
    }

    @Test func anInconclusiveRequirementCanBeAWarning() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        let check = try await evaluateConformance(
            of: RasterCosineMatcher(), suite: suite, profile: "nist-sp800-63b-4", reportDirectory: out,
            inconclusiveIsFailure: false)
        #expect(check.verdict == .inconclusive)
        #expect(check.problems.map(\.kind) == [.requirementInconclusive, .recommendationNotShown])
        #expect(check.problems.map(\.isFailure) == [false, false])
        #expect(check.failures.isEmpty)
        let seen = SeenIssues()
        try await withKnownIssue {
            try await expectConformance(
                of: RasterCosineMatcher(), suite: suite, profile: "nist-sp800-63b-4", reportDirectory: out,
                inconclusiveIsFailure: false)
            // Warnings do not fail a test; this error makes withKnownIssue see that nothing else was recorded.
            Issue.record("sentinel")
        } matching: { issue in
            seen.see(issue)
        }
        #expect(seen.levels == [.warning, .warning, .error])
        #expect(seen.messages.last == "sentinel")
    }

    @Test func aShouldRecommendationNotShownIsOnlyAWarning() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        let seen = SeenIssues()
        var check: ConformanceCheck?
        try await withKnownIssue {
            check = try await expectConformance(
                of: BrightnessMatcher(), suite: suite, profile: "facecert-demo", reportDirectory: out)
            // Warnings do not fail a test; this error makes withKnownIssue see that nothing else was recorded.
            Issue.record("sentinel")
        } matching: { issue in
            seen.see(issue)
        }
        #expect(seen.levels == [.warning, .error])
        #expect(
            seen.messages == [
                "Recommendation fnmr-at-fmr-1e-2 (\"should\", profile facecert-demo@1.0.0) fails: FNMR observed "
                    + "98.33 % (59/60) at threshold 0.999565, limit ≤ 20 %; upper bound 99.91 % (lower 91.06 %) at 95 % "
                    + "confidence (clopper-pearson one-sided upper). Matcher "
                    + "brightness 0.1.0, suite pattern-suite@1.0.0, seed "
                    + "\(defaultConformanceSeed). Reports: \(out.standardizedFileURL.path)",
                "sentinel",
            ])
        #expect(check?.verdict == .pass)
        #expect(check?.problems.map(\.kind) == [.recommendationNotShown])
    }

    @Test func anImageEnrolledAgainstTheSuitesExpectationIsOneIssueEach() async throws {
        let suite = try Scratch.suite(blankImages: 2)
        defer { Scratch.remove(suite) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        let seen = SeenIssues()
        try await withKnownIssue {
            try await expectConformance(
                of: RasterCosineMatcher(refusesBlank: false), suite: suite, profile: "facecert-demo",
                reportDirectory: out)
        } matching: { issue in
            seen.see(issue)
        }
        let trailer =
            " Matcher raster-cosine 1.0.0, suite pattern-suite@1.0.0, seed \(defaultConformanceSeed). Reports: "
            + out.standardizedFileURL.path
        #expect(
            seen.messages == [
                "Image _unlabelled/blank-00: the suite expects \"refuse\" but it was enrolled." + trailer,
                "Image _unlabelled/blank-01: the suite expects \"refuse\" but it was enrolled." + trailer,
            ])
    }

    @Test func theDefaultReportFolderIsANewTemporaryFolderNamedInEveryMessage() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let check = try await evaluateConformance(of: BrightnessMatcher(), suite: suite, profile: "facecert-demo")
        defer { Scratch.remove(check.reportDirectory) }
        let temporary = FileManager.default.temporaryDirectory.standardizedFileURL.path
        #expect(check.reportDirectory.path.hasPrefix(temporary + "/facecert-brightness-facecert-demo-"))
        #expect(!check.problems.isEmpty)
        for problem in check.problems { #expect(problem.message.hasSuffix("Reports: \(check.reportDirectory.path)")) }
        #expect(FileManager.default.fileExists(atPath: check.reportDirectory.appendingPathComponent("report.md").path))
    }

    @Test func aProfileFileAndAnExplicitThresholdAreUsedAsGiven() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let profile = FaceCertResources.specsDirectory.appendingPathComponent("facecert-demo/1.0.0.json").path
        let check = try await evaluateConformance(
            of: RasterCosineMatcher(), suite: suite, profile: profile, threshold: 0.75)
        defer { Scratch.remove(check.reportDirectory) }
        #expect(check.report.profile.id == "facecert-demo")
        #expect(check.report.threshold.value == 0.75)
        #expect(check.report.threshold.source == .command)
    }

    @Test func anUnknownProfileThrowsSayingWhatExists() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let error = await #expect(throws: FaceCertTestingError.self) {
            try await evaluateConformance(of: RasterCosineMatcher(), suite: suite, profile: "no-such-profile")
        }
        #expect(error?.code == .profileNotFound)
        #expect(error?.message.contains("no profile \"no-such-profile\"") == true)
        #expect(error?.message.contains("facecert-demo") == true)
    }

    @Test func aMissingSuiteThrowsNamingTheFolder() async throws {
        let missing = Scratch.folder()
        let error = await #expect(throws: FaceCertTestingError.self) {
            try await evaluateConformance(of: RasterCosineMatcher(), suite: missing, profile: "facecert-demo")
        }
        #expect(error?.code == .invalidSuite)
        #expect(error?.message.contains(missing.path) == true)
    }

    @Test func profilesAreFoundInTheFacecertPackageItself() throws {
        let catalog = try FaceCertResources.profileCatalog()
        let ids = Set(try catalog.entries().map(\.id))
        #expect(ids.isSuperset(of: ["facecert-demo", "nist-sp800-63b-4"]))
        #expect(
            FileManager.default.fileExists(
                atPath: FaceCertResources.packageRoot.appendingPathComponent("Package.swift").path))
    }
}

extension ExpectConformanceTests {
    @Test func cancellingTheTaskEndsTheRunEarlyAsAnIncompleteRunProblem() async throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let out = Scratch.folder()
        defer { Scratch.remove(out) }
        let matcher = CancellingMatcher()
        let task = Task {
            try await evaluateConformance(
                of: matcher, suite: suite, profile: "facecert-demo", reportDirectory: out, jobs: 1)
        }
        matcher.cancel(task)
        let check = try await task.value
        #expect(!check.report.complete)
        #expect(check.report.counts.matedScored + check.report.counts.nonMatedScored == 0)
        #expect(check.problems.last?.kind == .incomplete)
        #expect(
            check.problems.last?.message
                == "The run was cancelled before all work was done, so its numbers cover only the work that "
                + "finished. Matcher cancelling 1.0.0, suite pattern-suite@1.0.0, seed \(defaultConformanceSeed). "
                + "Reports: \(out.standardizedFileURL.path)")
    }
}
