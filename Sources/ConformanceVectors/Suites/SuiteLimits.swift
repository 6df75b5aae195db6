import Foundation

/// Sizes past which a suite is refused as unreasonable (a hostile or broken manifest should fail fast, not
/// exhaust memory). Every limit is inclusive: a value equal to the limit is accepted.
public struct SuiteLimits: Sendable, Hashable {
    /// Largest `suite.json` in bytes (default 256 MiB).
    public var maximumManifestBytes: Int = 256 << 20
    /// Most subjects (default 10^7).
    public var maximumSubjects: Int = 10_000_000
    /// Most images (default 10^7).
    public var maximumImages: Int = 10_000_000
    /// Largest image file in bytes (default 64 MiB).
    public var maximumImageBytes: Int = 64 << 20
    /// Most explicitly listed comparisons (default 5·10^7).
    public var maximumExplicitComparisons: Int = 50_000_000
    /// Most comparisons a protocol may expand to (default 10^12).
    public var maximumComparisons: Int = 1_000_000_000_000
    /// Most attributes per subject (default 64).
    public var maximumAttributes: Int = 64
    /// Longest id, path or attribute text in UTF-8 bytes (default 1024).
    public var maximumStringBytes: Int = 1024

    public init() {}
}

/// How to load or inspect a suite.
public struct SuiteLoadOptions: Sendable {
    /// The image root: required for `external` suites, overrides `images/` for `bundled` ones.
    public var imageRoot: URL?
    public var limits: SuiteLimits
    /// Subjects per attribute value below which lint warns that a demographic group is too small to say
    /// anything (default 10).
    public var minimumGroupSubjects: Int
    /// Images hashed per batch; bounds memory to about this many image files.
    public var batchSize: Int

    public init(
        imageRoot: URL? = nil, limits: SuiteLimits = SuiteLimits(), minimumGroupSubjects: Int = 10,
        batchSize: Int = 256
    ) {
        self.imageRoot = imageRoot
        self.limits = limits
        self.minimumGroupSubjects = minimumGroupSubjects
        self.batchSize = batchSize
    }
}
