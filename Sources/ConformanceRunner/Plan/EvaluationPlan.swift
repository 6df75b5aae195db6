import BiometricMetrics
import ConformanceVectors
import FaceImaging
import MatcherPlugins

/// Everything a run needs to know about its inputs, in the runner's own terms: the images (with what the suite
/// expects of each), a lazily expanded comparison sequence, and the requirements to judge.
///
/// A plan is built from a verified suite and a resolved threshold profile (see `EvaluationPlan+Vectors.swift`), or
/// in memory by tests. The runner never hands a plan's ids, subjects or labels to the matcher: it sees pixels from
/// ``imageLoader`` and template bytes only.
public struct EvaluationPlan: Sendable {
    /// What the report says about the suite (id, version, digest, sizes).
    public var suite: ConformanceReport.SuiteInfo
    /// What the report says about the profile.
    public var profile: ConformanceReport.ProfileInfo
    /// The images, addressed by their position in this array everywhere in the runner and its journal.
    public var images: [PlanImage]
    /// The number of distinct subjects (``PlanImage/subject`` is in `0..<subjectCount`).
    public var subjectCount: Int
    /// The comparisons to run, in the suite's canonical order (the runner shuffles them).
    public var comparisons: any ComparisonSource
    /// The profile's requirements, in the profile's order.
    public var requirements: [PlanRequirement]
    /// The FMR the profile's operating point targets, used to choose the threshold when neither the caller nor the
    /// matcher gives one (the most permissive threshold whose FMR on this suite is at most the target).
    public var targetFMR: Double?
    /// The profile's minimum sample sizes; a smaller suite makes every requirement inconclusive.
    public var minimums: MinimumSampleSizes
    /// The profile's per-call time limits.
    public var timeLimits: TimeLimits
    /// Extra FMR targets for the FNMR-at-FMR table (beyond 1e-2 … 1e-6).
    public var extraFMRTargets: [Double]
    /// Remarks the report must carry (e.g. a draft profile, a suite below the minimums).
    public var notes: [String]
    /// Loads the pixels of the image at an index of ``images``.
    public var imageLoader: @Sendable (Int) throws(ImageLoadError) -> FaceImage

    /// Creates a plan.
    ///
    /// - Parameters: see the properties of the same names.
    public init(
        suite: ConformanceReport.SuiteInfo, profile: ConformanceReport.ProfileInfo, images: [PlanImage],
        subjectCount: Int, comparisons: any ComparisonSource, requirements: [PlanRequirement],
        targetFMR: Double? = nil, minimums: MinimumSampleSizes = MinimumSampleSizes(), timeLimits: TimeLimits = TimeLimits(),
        extraFMRTargets: [Double] = [], notes: [String] = [],
        imageLoader: @escaping @Sendable (Int) throws(ImageLoadError) -> FaceImage
    ) {
        self.suite = suite
        self.profile = profile
        self.images = images
        self.subjectCount = subjectCount
        self.comparisons = comparisons
        self.requirements = requirements
        self.targetFMR = targetFMR
        self.minimums = minimums
        self.timeLimits = timeLimits
        self.extraFMRTargets = extraFMRTargets
        self.notes = notes
        self.imageLoader = imageLoader
    }
}

/// One image of a plan: who it shows, which side it was captured for, and what a conforming matcher must do.
public struct PlanImage: Sendable, Hashable {
    /// The suite's image id (never shown to the matcher).
    public var id: String
    /// The subject's index in `0..<EvaluationPlan.subjectCount`, or nil for an image of nobody (e.g. a blank
    /// image the matcher must refuse).
    public var subject: Int?
    /// The capture role the suite declares; used for images that take part in no comparison.
    public var captureRole: TemplateRole
    /// What a conforming matcher must do with the image.
    public var expected: ExpectedOutcome
    /// The suite's annotated eye centres (ISO/IEC 39794-5 image coordinates), if it gives them; passed to an
    /// ``MatcherPlugins/EyeAnnotatedFaceMatcher`` unless ``RunOptions/provideEyePositions`` is off.
    public var eyes: EyePositions?

    /// Creates an image entry; see the properties of the same names.
    public init(
        id: String, subject: Int?, captureRole: TemplateRole, expected: ExpectedOutcome, eyes: EyePositions? = nil
    ) {
        self.id = id
        self.subject = subject
        self.captureRole = captureRole
        self.expected = expected
        self.eyes = eyes
    }
}

/// A deterministic, randomly addressable sequence of comparisons with a known count.
///
/// The runner visits it in a seeded pseudo-random order (``ShuffledOrder``), so random access must be cheap
/// (O(1) or O(log n)); a protocol that expands lazily computes the comparison at an index without listing the
/// others.
public protocol ComparisonSource: Sendable {
    /// The number of comparisons.
    var count: Int { get }
    /// The comparison at `index` (`0 ..< count`), always the same for the same index.
    func comparison(at index: Int) -> Comparison
}

/// Comparisons listed explicitly, stored compactly (9 bytes each).
public struct ExplicitComparisons: ComparisonSource {
    private var verification: [UInt32]
    private var enrolment: [UInt32]
    private var mated: [Bool]

    /// Stores a list of comparisons.
    ///
    /// - Parameter comparisons: The comparisons, in canonical order. Image indices must fit in 32 bits.
    public init(_ comparisons: some Sequence<Comparison>) {
        var verification: [UInt32] = []
        var enrolment: [UInt32] = []
        var mated: [Bool] = []
        for comparison in comparisons {
            verification.append(UInt32(truncatingIfNeeded: comparison.verification))
            enrolment.append(UInt32(truncatingIfNeeded: comparison.enrolment))
            mated.append(comparison.mated)
        }
        self.verification = verification
        self.enrolment = enrolment
        self.mated = mated
    }

    public var count: Int { mated.count }

    public func comparison(at index: Int) -> Comparison {
        Comparison(verification: Int(verification[index]), enrolment: Int(enrolment[index]), mated: mated[index])
    }
}

/// One requirement of a threshold profile, as the runner judges it.
public struct PlanRequirement: Sendable, Hashable {
    /// The requirement's id in the profile, e.g. `fmr-shall`.
    public var id: String
    /// The rate limited.
    public var metric: ErrorMetric
    /// The largest rate that passes (inclusive).
    public var limit: Double
    /// The one-sided confidence level of the upper bound, e.g. 0.95.
    public var confidence: Double
    /// "shall" requirements decide the run's verdict; "should" ones are reported.
    public var level: NormativeLevel
    /// Whether the rate may equal the limit (`≤`) or must stay below it (`<`).
    public var limitInclusive: Bool
    /// Where the requirement's threshold comes from: the run's operating threshold, or the one reaching a target
    /// FMR on this suite.
    public var operatingPoint: ConformanceVectors.OperatingPoint

    /// Creates a requirement; see the properties of the same names.
    public init(
        id: String, metric: ErrorMetric, limit: Double, confidence: Double, level: NormativeLevel,
        limitInclusive: Bool = true, operatingPoint: ConformanceVectors.OperatingPoint = .declaredThreshold
    ) {
        self.id = id
        self.metric = metric
        self.limit = limit
        self.confidence = confidence
        self.level = level
        self.limitInclusive = limitInclusive
        self.operatingPoint = operatingPoint
    }
}

/// An image could not be loaded: the suite is unusable (its hashes were verified, so this is a publishing fault).
public struct ImageLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The image's index in ``EvaluationPlan/images``.
    public var imageIndex: Int
    /// What went wrong, naming the file.
    public var message: String
    /// Creates the error.
    public init(imageIndex: Int, message: String) {
        self.imageIndex = imageIndex
        self.message = message
    }
    public var description: String { message }
}
