import Foundation

/// A loaded test vector suite whose every image hash has been verified.
///
/// Obtain one with ``SuiteLoader/load(_:options:)``. Images, subjects and comparisons refer to each other by
/// index; ``comparisons`` is computed lazily (see ``ComparisonSequence``).
public struct VectorSuite: Sendable {
    public let id: String
    public let version: SemanticVersion
    public let title: String
    public let publisher: String
    public let licence: String
    public let status: SuiteStatus
    public let description: String?
    public let imageStorage: ImageStorage
    /// The `suite.json` file.
    public let manifestURL: URL
    /// The directory image paths are relative to.
    public let imageRoot: URL
    public let subjects: [SuiteSubject]
    public let images: [SuiteImage]
    public let plan: ComparisonPlan
    public let comparisons: ComparisonSequence
    /// The digest over manifest and images (see ``SuiteDigest``).
    public let digest: SuiteDigest
    /// Warnings found while loading (the same ones `facecert vectors lint` prints).
    public let warnings: [SuiteDiagnostic]

    let imageIndexByID: [String: Int]

    /// `ID@VERSION`, the name reports use.
    public var reference: String { "\(id)@\(version)" }

    /// The index of the image with `id`, or `nil`.
    ///
    /// - Complexity: O(1) on average.
    public func imageIndex(id: String) -> Int? { imageIndexByID[id] }
}
