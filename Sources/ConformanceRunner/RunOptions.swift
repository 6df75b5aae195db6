import Foundation

/// How to run: where to journal, which seed, how many threads, which threshold.
public struct RunOptions: Sendable {
    /// The output folder: the journal (`journal.fcj`) and, written by the caller, the reports.
    public var outputDirectory: String
    /// The `--matcher` value, recorded in the report and the journal.
    public var matcherSpec: String
    /// SHA-256 (hex) of the plugin's library or script file, when it has one.
    public var matcherFileSHA256: String?
    /// The operating threshold the caller insists on (`--threshold`), else the matcher's or the profile's.
    public var threshold: Double?
    /// The seed of every shuffle (template creation order and comparison order).
    public var seed: UInt64
    /// Threads calling the matcher (default: the number of active cores).
    public var jobs: Int
    /// Comparisons handed to ``FaceMatcher/compare(_:)`` at once.
    public var batchSize: Int
    /// Continue the journal in ``outputDirectory`` instead of starting a new one.
    public var resume: Bool
    /// Discard a journal already in ``outputDirectory`` (without it, an existing journal is an error).
    public var overwrite: Bool
    /// Where the suite lives (recorded so `facecert report` can reload it).
    public var suitePath: String?
    /// The separate image root, if any (recorded likewise).
    public var imagesPath: String?
    /// The facecert version for the report.
    public var facecertVersion: String
    /// Pass the suite's annotated eye positions to a matcher that accepts them (an
    /// ``MatcherPlugins/EyeAnnotatedFaceMatcher``); `false` (`--no-eye-positions`) measures every matcher on
    /// pixels alone, as NIST FRTE 1:1 does. Recorded in the report and the journal.
    public var provideEyePositions: Bool

    /// Creates options; see the properties of the same names.
    public init(
        outputDirectory: String, matcherSpec: String, matcherFileSHA256: String? = nil, threshold: Double? = nil,
        seed: UInt64, jobs: Int = RunOptions.defaultJobs, batchSize: Int = 1024, resume: Bool = false,
        overwrite: Bool = false, suitePath: String? = nil, imagesPath: String? = nil, facecertVersion: String,
        provideEyePositions: Bool = true
    ) {
        self.outputDirectory = outputDirectory
        self.matcherSpec = matcherSpec
        self.matcherFileSHA256 = matcherFileSHA256
        self.threshold = threshold
        self.seed = seed
        self.jobs = jobs
        self.batchSize = batchSize
        self.resume = resume
        self.overwrite = overwrite
        self.suitePath = suitePath
        self.imagesPath = imagesPath
        self.facecertVersion = facecertVersion
        self.provideEyePositions = provideEyePositions
    }

    /// The number of active processor cores.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The journal's file name inside the output folder.
    public static let journalFileName = "journal.fcj"
}
