import BiometricMetrics
import Foundation

/// Everything a conformance run found, in the versioned `report.json` schema (`facecert.report/1`).
///
/// A reader must be able to reproduce the run from it: suite id, version and digest; profile id, version and
/// status; matcher identity (and the SHA-256 of a library plugin); facecert and libpng versions; the threshold and
/// where it came from; the shuffle seed. Every rate carries its counts, interval and the method of the interval.
/// ``ConformanceReports`` renders this value as JSON, JUnit XML, Markdown and HTML.
public struct ConformanceReport: Sendable, Hashable, Codable {
    /// The schema identifier of this layout. Readers refuse other major versions.
    public static let schemaIdentifier = "facecert.report/1"

    public var schema: String = ConformanceReport.schemaIdentifier
    /// `false` when the run was interrupted (Ctrl-C, time-out) and the numbers cover only the work finished.
    public var complete: Bool
    public var tool: ToolInfo
    public var suite: SuiteInfo
    public var profile: ProfileInfo
    public var matcher: MatcherInfo
    public var threshold: ThresholdInfo
    /// The seed that shuffled the order of calls to the matcher.
    public var seed: UInt64
    public var startedAt: Date
    public var endedAt: Date
    public var counts: Counts
    /// Every error rate computed, each with the formula that produced it.
    public var rates: [RateEstimate]
    /// The equal error rate, when both mated and non-mated scores exist.
    public var eer: EERSummary?
    /// FNMR at the fixed FMR targets (1e-2 … 1e-6 and any the profile asks for).
    public var fnmrAtFMR: [FNMRAtFMR]
    /// One entry per requirement of the profile, in the profile's order.
    public var requirements: [RequirementResult]
    /// The worst verdict over the profile's "shall" requirements (`pass` when there are none).
    public var verdict: Verdict
    /// Images whose expected outcome (enrol / refuse) the matcher did or did not meet.
    public var expectedOutcomes: [ExpectedOutcomeFinding]
    /// Faults of the plugin: time-outs, crashes, protocol violations.
    public var faults: [FaultRecord]
    public var timing: TimingSummary
    /// The DET curve, decimated for plotting: FMR and FNMR over thresholds.
    public var det: [DETPoint]
    public var histograms: ScoreHistograms?
    /// Free-text remarks, e.g. "judged against a DRAFT profile".
    public var notes: [String]

    public init(
        complete: Bool, tool: ToolInfo, suite: SuiteInfo, profile: ProfileInfo, matcher: MatcherInfo,
        threshold: ThresholdInfo, seed: UInt64, startedAt: Date, endedAt: Date, counts: Counts,
        rates: [RateEstimate], eer: EERSummary?, fnmrAtFMR: [FNMRAtFMR], requirements: [RequirementResult],
        verdict: Verdict, expectedOutcomes: [ExpectedOutcomeFinding], faults: [FaultRecord], timing: TimingSummary,
        det: [DETPoint], histograms: ScoreHistograms?, notes: [String]
    ) {
        self.complete = complete
        self.tool = tool
        self.suite = suite
        self.profile = profile
        self.matcher = matcher
        self.threshold = threshold
        self.seed = seed
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.counts = counts
        self.rates = rates
        self.eer = eer
        self.fnmrAtFMR = fnmrAtFMR
        self.requirements = requirements
        self.verdict = verdict
        self.expectedOutcomes = expectedOutcomes
        self.faults = faults
        self.timing = timing
        self.det = det
        self.histograms = histograms
        self.notes = notes
    }
}

extension ConformanceReport {
    public struct ToolInfo: Sendable, Hashable, Codable {
        public var name: String
        public var version: String
        public var libpngVersion: String
        public init(name: String = "facecert", version: String, libpngVersion: String) {
            self.name = name
            self.version = version
            self.libpngVersion = libpngVersion
        }
    }

    public struct SuiteInfo: Sendable, Hashable, Codable {
        public var id: String
        public var version: String
        public var title: String
        /// draft | published | withdrawn
        public var status: String
        /// SHA-256 (hex) over the manifest and every image, as ConformanceVectors defines it.
        public var digest: String
        public var subjects: Int
        public var images: Int
        public init(id: String, version: String, title: String, status: String, digest: String, subjects: Int, images: Int) {
            self.id = id
            self.version = version
            self.title = title
            self.status = status
            self.digest = digest
            self.subjects = subjects
            self.images = images
        }
    }

    public struct ProfileInfo: Sendable, Hashable, Codable {
        public var id: String
        public var version: String
        public var title: String
        /// draft | final | withdrawn
        public var status: String
        /// The document, clause, URL or DOI the numbers come from.
        public var source: String
        public init(id: String, version: String, title: String, status: String, source: String) {
            self.id = id
            self.version = version
            self.title = title
            self.status = status
            self.source = source
        }
        /// Whether a verdict against this profile is provisional (draft or withdrawn).
        public var isFinal: Bool { status == "final" }
    }

    public struct MatcherInfo: Sendable, Hashable, Codable {
        /// The `--matcher` value the run used, e.g. `lbph`, `lib:PATH.so`, `exec:"python3 plugin.py"`.
        public var spec: String
        public var name: String
        public var version: String
        public var vendor: String
        public var scoreKind: ScoreKind
        public var declaredThreshold: Double?
        /// SHA-256 (hex) of the shared library or plugin script file, when the matcher is one.
        public var fileSHA256: String?
        /// Whether the suite's annotated eye positions were passed to the matcher (an
        /// `EyeAnnotatedFaceMatcher`, annotations not declined by `--no-eye-positions`): a facecert extension,
        /// since NIST FRTE 1:1 gives pixels only. `nil` in reports and journals of facecert versions before it,
        /// which never passed them.
        public var eyePositionsProvided: Bool?
        public init(
            spec: String, name: String, version: String, vendor: String, scoreKind: ScoreKind,
            declaredThreshold: Double?, fileSHA256: String?, eyePositionsProvided: Bool? = nil
        ) {
            self.spec = spec
            self.name = name
            self.version = version
            self.vendor = vendor
            self.scoreKind = scoreKind
            self.declaredThreshold = declaredThreshold
            self.fileSHA256 = fileSHA256
            self.eyePositionsProvided = eyePositionsProvided
        }
    }

    public struct ThresholdInfo: Sendable, Hashable, Codable {
        /// Where the operating threshold came from.
        public enum Source: String, Sendable, Hashable, Codable {
            /// `--threshold` on the command line (or the API's threshold argument).
            case command = "command-line"
            /// The matcher's declared operating threshold.
            case declared
            /// The threshold that reaches the profile's target FMR on this suite.
            case targetFMR = "target-fmr"
            /// No threshold: reporting-only run.
            case none
        }
        public var value: Double?
        public var source: Source
        /// For `targetFMR`: the FMR target.
        public var targetFMR: Double?
        public init(value: Double?, source: Source, targetFMR: Double? = nil) {
            self.value = value
            self.source = source
            self.targetFMR = targetFMR
        }
    }

    public struct Counts: Sendable, Hashable, Codable {
        public var images: Int
        /// Images with an `enrol` expectation that were processed for templates.
        public var templatesAttempted: Int
        public var templatesFailed: Int
        public var enrolmentFailures: Int
        public var acquisitionFailures: Int
        public var matedPlanned: Int
        public var nonMatedPlanned: Int
        /// Mated comparisons that produced a score.
        public var matedScored: Int
        public var nonMatedScored: Int
        /// Mated comparisons without a score (template missing, matcher error, fault).
        public var matedFailed: Int
        public var nonMatedFailed: Int
        public var subjects: Int
        public init(
            images: Int, templatesAttempted: Int, templatesFailed: Int, enrolmentFailures: Int,
            acquisitionFailures: Int, matedPlanned: Int, nonMatedPlanned: Int, matedScored: Int, nonMatedScored: Int,
            matedFailed: Int, nonMatedFailed: Int, subjects: Int
        ) {
            self.images = images
            self.templatesAttempted = templatesAttempted
            self.templatesFailed = templatesFailed
            self.enrolmentFailures = enrolmentFailures
            self.acquisitionFailures = acquisitionFailures
            self.matedPlanned = matedPlanned
            self.nonMatedPlanned = nonMatedPlanned
            self.matedScored = matedScored
            self.nonMatedScored = nonMatedScored
            self.matedFailed = matedFailed
            self.nonMatedFailed = nonMatedFailed
            self.subjects = subjects
        }
    }

    /// One error rate with its evidence.
    public struct RateEstimate: Sendable, Hashable, Codable {
        public var metric: ErrorMetric
        /// How the rate was computed, e.g. "FMR = non-mated accepted / non-mated scored (failures excluded)"
        /// or "FRR = FTA + FNMR·(1−FTA) (ISO/IEC 19795-1 generalised)".
        public var formula: String
        public var errors: Int
        public var trials: Int
        public var value: Double
        public var interval: ConfidenceBound?
        public var threshold: Double?
        public init(
            metric: ErrorMetric, formula: String, errors: Int, trials: Int, value: Double, interval: ConfidenceBound?,
            threshold: Double?
        ) {
            self.metric = metric
            self.formula = formula
            self.errors = errors
            self.trials = trials
            self.value = value
            self.interval = interval
            self.threshold = threshold
        }
    }

    /// A confidence interval and the method that produced it.
    public struct ConfidenceBound: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double
        /// e.g. 0.95, 0.80
        public var confidence: Double
        /// e.g. "clopper-pearson one-sided upper", "rule of 3", "subjects bootstrap (B=1000)".
        public var method: String
        public init(lower: Double, upper: Double, confidence: Double, method: String) {
            self.lower = lower
            self.upper = upper
            self.confidence = confidence
            self.method = method
        }
    }

    public struct EERSummary: Sendable, Hashable, Codable {
        public var value: Double
        public var threshold: Double
        /// pyeer's FVC interval [EERlow, EERhigh].
        public var low: Double
        public var high: Double
        public init(value: Double, threshold: Double, low: Double, high: Double) {
            self.value = value
            self.threshold = threshold
            self.low = low
            self.high = high
        }
    }

    public struct FNMRAtFMR: Sendable, Hashable, Codable {
        public var targetFMR: Double
        /// `false` when the non-mated count is too small to resolve the target.
        public var reachable: Bool
        public var threshold: Double?
        public var fmr: Double?
        public var fnmr: Double?
        public init(targetFMR: Double, reachable: Bool, threshold: Double?, fmr: Double?, fnmr: Double?) {
            self.targetFMR = targetFMR
            self.reachable = reachable
            self.threshold = threshold
            self.fmr = fmr
            self.fnmr = fnmr
        }
    }

    public struct RequirementResult: Sendable, Hashable, Codable {
        public var id: String
        public var metric: ErrorMetric
        public var level: NormativeLevel
        public var limit: Double
        public var observed: Double?
        public var errors: Int
        public var trials: Int
        public var lower: Double?
        public var upper: Double?
        public var confidence: Double
        public var method: String
        public var verdict: Verdict
        /// Trials that would show the limit at the required confidence if the observed rate held; nil when
        /// already shown or not reachable.
        public var additionalTrialsNeeded: Int?
        /// Why the verdict is what it is, one sentence.
        public var explanation: String
        /// The threshold the rate was read at (the run's threshold, or the one reaching the requirement's target
        /// FMR); nil for FTE and FTA, which need none, and when no threshold was available.
        public var threshold: Double?
        public init(
            id: String, metric: ErrorMetric, level: NormativeLevel, limit: Double, observed: Double?, errors: Int,
            trials: Int, lower: Double?, upper: Double?, confidence: Double, method: String, verdict: Verdict,
            additionalTrialsNeeded: Int?, explanation: String, threshold: Double? = nil
        ) {
            self.id = id
            self.metric = metric
            self.level = level
            self.limit = limit
            self.observed = observed
            self.errors = errors
            self.trials = trials
            self.lower = lower
            self.upper = upper
            self.confidence = confidence
            self.method = method
            self.verdict = verdict
            self.additionalTrialsNeeded = additionalTrialsNeeded
            self.explanation = explanation
            self.threshold = threshold
        }
    }

    public struct ExpectedOutcomeFinding: Sendable, Hashable, Codable {
        public var imageId: String
        /// enrol | refuse | either
        public var expected: String
        /// enrolled | refused | failed
        public var actual: String
        /// The matcher's code when it did not enrol, e.g. refuseInput.
        public var code: String?
        public var message: String?
        public var conforms: Bool
        public init(imageId: String, expected: String, actual: String, code: String?, message: String?, conforms: Bool) {
            self.imageId = imageId
            self.expected = expected
            self.actual = actual
            self.code = code
            self.message = message
            self.conforms = conforms
        }
    }

    public struct FaultRecord: Sendable, Hashable, Codable {
        /// template | comparison
        public var call: String
        /// timeout | crash | protocolViolation | …
        public var code: String
        public var message: String
        /// The image id (template calls) or "verificationId|enrolmentId" (comparisons), for the lab's eyes only.
        public var subject: String
        public init(call: String, code: String, message: String, subject: String) {
            self.call = call
            self.code = code
            self.message = message
            self.subject = subject
        }
    }

    public struct TimingSummary: Sendable, Hashable, Codable {
        public var templateCreation: CallTiming?
        public var comparison: CallTiming?
        public var wallSeconds: Double
        public var jobs: Int
        public init(templateCreation: CallTiming?, comparison: CallTiming?, wallSeconds: Double, jobs: Int) {
            self.templateCreation = templateCreation
            self.comparison = comparison
            self.wallSeconds = wallSeconds
            self.jobs = jobs
        }
    }

    public struct CallTiming: Sendable, Hashable, Codable {
        public var count: Int
        public var medianSeconds: Double
        public var p95Seconds: Double
        public var maxSeconds: Double
        /// The profile's limit, when it sets one, and the verdict of median and p95 against it.
        public var limitSeconds: Double?
        public var verdict: Verdict?
        public init(
            count: Int, medianSeconds: Double, p95Seconds: Double, maxSeconds: Double, limitSeconds: Double?,
            verdict: Verdict?
        ) {
            self.count = count
            self.medianSeconds = medianSeconds
            self.p95Seconds = p95Seconds
            self.maxSeconds = maxSeconds
            self.limitSeconds = limitSeconds
            self.verdict = verdict
        }
    }

    public struct DETPoint: Sendable, Hashable, Codable {
        public var threshold: Double
        public var fmr: Double
        public var fnmr: Double
        public init(threshold: Double, fmr: Double, fnmr: Double) {
            self.threshold = threshold
            self.fmr = fmr
            self.fnmr = fnmr
        }
    }

    public struct ScoreHistograms: Sendable, Hashable, Codable {
        /// Bin edges shared by both histograms: `edges.count == mated.count + 1`.
        public var edges: [Double]
        public var mated: [Int]
        public var nonMated: [Int]
        public init(edges: [Double], mated: [Int], nonMated: [Int]) {
            self.edges = edges
            self.mated = mated
            self.nonMated = nonMated
        }
    }
}
