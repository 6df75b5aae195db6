import FaceCertTesting
import Foundation
import MatcherPlugins
import Testing

struct ExpectValidMatcherTests {
    @Test func aWellBehavedMatcherPassesEveryCheck() throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let report = try expectValidMatcher(RasterCosineMatcher(), facesFrom: suite)
        #expect(report.passed)
        #expect(!report.findings.contains { $0.severity == .failure })
    }

    @Test func aNondeterministicMatcherFailsTheDeterminismCheck() throws {
        let suite = try Scratch.suite()
        defer { Scratch.remove(suite) }
        let seen = SeenIssues()
        try withKnownIssue {
            try expectValidMatcher(DriftingMatcher(), facesFrom: suite, count: 3)
        } matching: { issue in
            seen.see(issue)
        }
        let recorded = seen.messages
        #expect(
            recorded.contains(
                "Plugin check determinism.template fails: face 1 (64x64 gray): two enrolment templates of the same "
                    + "image differ (matcher drifting 1.0.0)"))
        #expect(recorded.allSatisfy { $0.hasPrefix("Plugin check ") && $0.hasSuffix("(matcher drifting 1.0.0)") })
    }

    @Test func tooFewFacesIsAnError() throws {
        let suite = try PatternSuite.build(at: Scratch.folder(), subjects: 1, imagesPerSubject: 2)
        defer { Scratch.remove(suite) }
        let error = #expect(throws: FaceCertTestingError.self) {
            try expectValidMatcher(RasterCosineMatcher(), facesFrom: suite)
        }
        #expect(error?.code == .invalidSuite)
        #expect(
            error?.message.contains("has 1 subject(s) with an image expected to enrol; validation needs two") == true)
    }
}
