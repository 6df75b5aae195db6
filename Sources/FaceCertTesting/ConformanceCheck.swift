import BiometricMetrics
import ConformanceRunner
import Foundation

/// The outcome of one conformance evaluation run by ``evaluateConformance(of:suite:images:profile:specs:threshold:reportDirectory:inconclusiveIsFailure:seed:jobs:)``:
/// the runner's report, where its files are, and the problems a test should report.
public struct ConformanceCheck: Sendable {
    /// The report, exactly as `facecert run` computes it.
    public var report: ConformanceReport
    /// The folder holding the journal and the report files.
    public var reportDirectory: URL
    /// The report files written (`report.json`, JUnit, Markdown, HTML), in that order.
    public var reportFiles: [URL]
    /// What a test should report: "shall" requirements first, then "should" ones (warnings), expected outcomes,
    /// time limits, and an incomplete run.
    public var problems: [ConformanceProblem]

    /// Creates a check (the helpers make these; tests of your own tooling may too).
    public init(report: ConformanceReport, reportDirectory: URL, reportFiles: [URL], problems: [ConformanceProblem]) {
        self.report = report
        self.reportDirectory = reportDirectory
        self.reportFiles = reportFiles
        self.problems = problems
    }

    /// The overall verdict of the profile's "shall" requirements (as the `facecert run` exit status reports it).
    public var verdict: Verdict { report.verdict }

    /// The problems that fail the test (``ConformanceProblem/isFailure``).
    public var failures: [ConformanceProblem] { problems.filter(\.isFailure) }
}

/// One thing wrong with a conformance run, as one test issue.
public struct ConformanceProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem; extensible.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A "shall" requirement failed: its observed rate is above its limit.
        public static let requirementFailed = Kind(rawValue: "requirementFailed")
        /// A "shall" requirement could not be shown either way (suite too small, bound above the limit).
        public static let requirementInconclusive = Kind(rawValue: "requirementInconclusive")
        /// A "should" requirement failed or is inconclusive: never a failure, since it does not decide the verdict.
        public static let recommendationNotShown = Kind(rawValue: "recommendationNotShown")
        /// An image was not handled as the suite expects (e.g. enrolled where it expects a refusal).
        public static let expectedOutcomeMissed = Kind(rawValue: "expectedOutcomeMissed")
        /// The median time of a call is above the profile's limit.
        public static let timeLimitExceeded = Kind(rawValue: "timeLimitExceeded")
        /// The run was cancelled before all work was done.
        public static let incomplete = Kind(rawValue: "incomplete")
    }

    /// What kind of problem.
    public var kind: Kind
    /// The requirement id (for requirement problems), the image id (expected outcomes) or the timed call.
    public var subject: String
    /// Whether it fails the test (a recorded error) rather than being a warning.
    public var isFailure: Bool
    /// The full message: what, the numbers, and where the report files are.
    public var message: String

    /// Creates a problem.
    public init(kind: Kind, subject: String, isFailure: Bool, message: String) {
        self.kind = kind
        self.subject = subject
        self.isFailure = isFailure
        self.message = message
    }

    public var description: String { message }
}
