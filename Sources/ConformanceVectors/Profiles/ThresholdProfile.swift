import BiometricMetrics
import Foundation

/// Publication status of a profile version.
public enum ProfileStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not final; a report judged against it says so prominently.
    case draft
    case final
    /// Kept so old results can be reproduced; not chosen by default.
    case withdrawn
}

/// Where a requirement's threshold comes from.
public enum OperatingPoint: Sendable, Hashable, CustomStringConvertible {
    /// The threshold the vendor declared before the run.
    case declaredThreshold
    /// The threshold at which the FMR measured on this suite first reaches the target (NIST FRTE's "FNMR at
    /// FMR = x").
    case fmrTarget(Double)

    public var description: String {
        switch self {
        case .declaredThreshold: "declared threshold"
        case .fmrTarget(let fmr): "threshold at FMR = \(fmr)"
        }
    }
}

/// The source a profile's numbers come from.
public struct ProfileSource: Sendable, Hashable, Codable {
    /// The document's title and edition.
    public var document: String
    /// The clause or section.
    public var clause: String?
    public var url: String?
    public var doi: String?
    public init(document: String, clause: String? = nil, url: String? = nil, doi: String? = nil) {
        self.document = document
        self.clause = clause
        self.url = url
        self.doi = doi
    }
}

/// One requirement a run is judged on.
public struct ProfileRequirement: Sendable, Hashable, Identifiable {
    public let id: String
    public let metric: ErrorMetric
    /// The limit on the rate, a fraction in [0, 1].
    public let limit: Double
    /// Whether the rate may equal the limit (`≤`, true) or must stay below it (`<`, false).
    public let limitInclusive: Bool
    public let operatingPoint: OperatingPoint
    /// One-sided confidence level of the upper bound judged against the limit (0.8 for FIDO's 80 %).
    public let confidence: Double
    public let level: NormativeLevel
    /// The source's wording, paraphrased, with its clause.
    public let statement: String
}

/// A metric a reporting profile asks to be reported, without a limit.
public struct ReportedMetric: Sendable, Hashable, Identifiable {
    public let id: String
    public let metric: ErrorMetric
    public let operatingPoint: OperatingPoint
}

/// Minimum sample sizes below which a run is inconclusive. `nil` means no minimum.
public struct MinimumSampleSizes: Sendable, Hashable, Codable {
    public var subjects: Int?
    public var matedComparisons: Int?
    public var nonMatedComparisons: Int?
    public init(subjects: Int? = nil, matedComparisons: Int? = nil, nonMatedComparisons: Int? = nil) {
        self.subjects = subjects
        self.matedComparisons = matedComparisons
        self.nonMatedComparisons = nonMatedComparisons
    }
}

/// Per-call time limits in seconds. `nil` means none.
public struct TimeLimits: Sendable, Hashable, Codable {
    public var templateCreationSeconds: Double?
    public var comparisonSeconds: Double?
    public init(templateCreationSeconds: Double? = nil, comparisonSeconds: Double? = nil) {
        self.templateCreationSeconds = templateCreationSeconds
        self.comparisonSeconds = comparisonSeconds
    }
}

/// What the profile asks of the images a matcher is given. `nil` means no requirement.
public struct ImageRequirements: Sendable, Hashable, Codable {
    public var minimumWidth: Int?
    public var minimumHeight: Int?
    /// In pixels, as ``FaceImaging/EyePositions/interEyeDistance``.
    public var minimumInterEyeDistance: Double?
    public init(minimumWidth: Int? = nil, minimumHeight: Int? = nil, minimumInterEyeDistance: Double? = nil) {
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
        self.minimumInterEyeDistance = minimumInterEyeDistance
    }
}

/// A versioned threshold profile (`specs/<id>/<version>.json`, format `facecert.profile/1`), validated.
///
/// Load one with ``ThresholdProfile/load(from:)`` or through a ``ProfileCatalog``. A profile with no
/// ``requirements`` (``reportingOnly``) yields figures and no verdict.
public struct ThresholdProfile: Sendable, Hashable, Identifiable {
    public let id: String
    public let version: SemanticVersion
    public let status: ProfileStatus
    public let title: String
    public let source: ProfileSource
    /// How the numbers were obtained (from the normative text, from secondary sources, reconstructed, ...).
    public let provenance: String
    /// True when the profile only asks for figures and gives no pass/fail.
    public let reportingOnly: Bool
    public let requirements: [ProfileRequirement]
    public let reported: [ReportedMetric]
    public let minimumSampleSizes: MinimumSampleSizes
    public let timeLimits: TimeLimits?
    public let imageRequirements: ImageRequirements?
    /// The file the profile was read from.
    public let fileURL: URL

    /// `ID@VERSION`.
    public var reference: String { "\(id)@\(version)" }
    /// Whether a report judged against it must carry a prominent "draft profile" notice.
    public var isDraft: Bool { status == .draft }
}
