import ConformanceRunner
import Foundation
import MatcherPlugins
import Testing

/// Asserts, inside a Swift Testing test, that a matcher conforms to a threshold profile on a suite.
///
/// Runs ``evaluateConformance(of:suite:images:profile:specs:threshold:reportDirectory:inconclusiveIsFailure:seed:jobs:)``
/// (the same runner, adapter and report writers as `facecert run`) and records one issue at `sourceLocation` per
/// ``ConformanceProblem``: per failed "shall" requirement, per inconclusive one (an error by default, a warning
/// when `inconclusiveIsFailure` is false), per image whose expected outcome was missed, per call over the profile's
/// time limit, and for a run cut short; plus a warning per "should" requirement not shown (it does not decide the
/// verdict). A conforming matcher records no error.
///
/// ```swift
/// @Test func conformsToTheDemoProfile() async throws {
///     try await expectConformance(
///         of: MyMatcher(), suite: FaceCertResources.syntheticFacesSuite, profile: "facecert-demo")
/// }
/// ```
///
/// A failure reads, for example (a matcher comparing only mean brightness, on a ``PatternSuite``):
/// `Requirement fnmr-at-fmr-1e-2 ("shall", profile test-release-gate@1.0.0) fails: FNMR observed 98.33 % (59/60) at
/// threshold 0.999565 is not within the limit ≤ 20 %; upper bound 99.91 % (lower 91.06 %) at 95 % confidence
/// (clopper-pearson one-sided upper). Matcher brightness 0.1.0, suite
/// pattern-suite@1.0.0, seed 1077211440934. Reports: /tmp/…`
///
/// - Parameters:
///   - matcher: The matcher under test; called from several threads at once.
///   - suite: The suite folder (holding `suite.json`), e.g. ``FaceCertResources/syntheticFacesSuite``.
///   - images: The image root of a suite whose images are not bundled.
///   - profile: A profile id (`nist-sp800-63b-4`), `id@version`, or the path of a profile `.json` file; ids are
///     resolved in `specs`, else `FACECERT_SPECS`, else facecert's own `specs/` (see ``FaceCertResources``).
///   - specs: A `specs/` folder of profiles.
///   - threshold: The operating threshold; default the matcher's declared one, else the profile's target FMR.
///   - reportDirectory: Where the journal and the report files (JSON, JUnit, Markdown, HTML) go; an existing
///     journal there is replaced. Default: a new folder under the temporary directory. Its path ends every message.
///   - inconclusiveIsFailure: Whether an inconclusive "shall" requirement fails the test (default) or is recorded
///     as a warning.
///   - seed: The seed of the shuffled call order (fixed by default, so every run makes the same calls).
///   - jobs: Threads calling the matcher.
///   - sourceLocation: Where the issues point; the caller's line by default.
/// - Returns: The report and its problems, for further checks.
/// - Throws: ``FaceCertTestingError`` when the evaluation cannot run at all (invalid suite, unknown profile,
///   unusable matcher identity, unwritable report folder); a throwing test fails with that message.
@discardableResult
public func expectConformance(
    of matcher: some FaceMatcher, suite: URL, images: URL? = nil, profile: String, specs: URL? = nil,
    threshold: Double? = nil, reportDirectory: URL? = nil, inconclusiveIsFailure: Bool = true,
    seed: UInt64 = defaultConformanceSeed, jobs: Int = RunOptions.defaultJobs,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> ConformanceCheck {
    let check = try await evaluateConformance(
        of: matcher, suite: suite, images: images, profile: profile, specs: specs, threshold: threshold,
        reportDirectory: reportDirectory, inconclusiveIsFailure: inconclusiveIsFailure, seed: seed, jobs: jobs)
    for problem in check.problems {
        Issue.record(
            Comment(rawValue: problem.message), severity: problem.isFailure ? .error : .warning,
            sourceLocation: sourceLocation)
    }
    return check
}
