import FaceImaging

/// The `suite.json` file of a test vector suite, format `facecert.suite/1`, exactly as stored.
///
/// This is the wire format: enumerations are kept as the strings the file holds, so that a loader can name the
/// JSON path of a bad value instead of failing inside `Codable`. ``SuiteLoader`` validates a manifest and turns it
/// into a ``VectorSuite``; ``SuiteBuilder`` writes one. The format is documented in `docs/vectors-format.md` and
/// `docs/suite.schema.json`.
public struct SuiteManifest: Sendable, Hashable, Codable {
    /// The only format version this build reads and writes.
    public static let schemaIdentifier = "facecert.suite/1"
    /// The file name of a manifest inside a suite directory.
    public static let fileName = "suite.json"

    /// Format identifier; must be ``schemaIdentifier``.
    public var schema: String
    /// Suite id: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    public var id: String
    /// Semantic version of this suite release.
    public var version: String
    public var title: String
    public var publisher: String
    /// Licence of the manifest and, for bundled images, of the images (an SPDX id or a short text).
    public var licence: String
    /// `draft`, `published` or `withdrawn`.
    public var status: String
    public var description: String?
    /// `bundled` (images under `images/` beside the manifest) or `external` (the lab supplies an image root).
    public var imageStorage: String
    public var subjects: [Subject]
    public var images: [Image]
    public var comparisons: Comparisons

    public init(
        id: String, version: String, title: String, publisher: String, licence: String, status: String,
        description: String?, imageStorage: String, subjects: [Subject], images: [Image], comparisons: Comparisons
    ) {
        self.schema = Self.schemaIdentifier
        self.id = id
        self.version = version
        self.title = title
        self.publisher = publisher
        self.licence = licence
        self.status = status
        self.description = description
        self.imageStorage = imageStorage
        self.subjects = subjects
        self.images = images
        self.comparisons = comparisons
    }

    /// A person whose face appears in the suite.
    public struct Subject: Sendable, Hashable, Codable {
        public var id: String
        /// Free key/value attributes; `sex`, `ageBand` and `ethnicity` are the documented well-known keys.
        public var attributes: [String: String]?
        public init(id: String, attributes: [String: String]? = nil) {
            self.id = id
            self.attributes = attributes
        }
    }

    /// One image file.
    public struct Image: Sendable, Hashable, Codable {
        public var id: String
        /// Path relative to the image root, `/`-separated.
        public var path: String
        /// Lowercase hex SHA-256 of the file's bytes.
        public var sha256: String
        /// The subject id, or `null` for an image of nobody (a refusal test).
        public var subject: String?
        /// `enrolment`, `verification` or `both`.
        public var role: String
        /// `enrol`, `refuse` or `either`.
        public var expected: String
        public var eyes: EyePositions?

        public init(
            id: String, path: String, sha256: String, subject: String?, role: String, expected: String,
            eyes: EyePositions? = nil
        ) {
            self.id = id
            self.path = path
            self.sha256 = sha256
            self.subject = subject
            self.role = role
            self.expected = expected
            self.eyes = eyes
        }
    }

    /// Either a declared protocol or an explicit list; exactly one of the two is present.
    public struct Comparisons: Sendable, Hashable, Codable {
        public var `protocol`: ComparisonProtocolSpec?
        public var explicit: [ExplicitComparison]?
        public init(protocol: ComparisonProtocolSpec? = nil, explicit: [ExplicitComparison]? = nil) {
            self.protocol = `protocol`
            self.explicit = explicit
        }
    }

    /// A declared comparison protocol, expanded deterministically by ``ComparisonSequence``.
    public struct ComparisonProtocolSpec: Sendable, Hashable, Codable {
        /// `crossRole` or `unordered`.
        public var pairing: String
        /// `all` or `none`.
        public var mated: String
        public var nonMated: NonMated
        public init(pairing: String, mated: String, nonMated: NonMated) {
            self.pairing = pairing
            self.mated = mated
            self.nonMated = nonMated
        }
    }

    /// Which non-mated pairs a protocol takes.
    public struct NonMated: Sendable, Hashable, Codable {
        /// `all`, `sample` or `none`.
        public var mode: String
        /// Sample size, for `sample`.
        public var count: Int?
        /// Sample seed, for `sample` (0 ... 2^53 − 1, so that every JSON reader keeps it exact).
        public var seed: UInt64?
        public init(mode: String, count: Int? = nil, seed: UInt64? = nil) {
            self.mode = mode
            self.count = count
            self.seed = seed
        }
    }

    /// One listed comparison.
    public struct ExplicitComparison: Sendable, Hashable, Codable {
        public var verification: String
        public var enrolment: String
        public var mated: Bool
        public init(verification: String, enrolment: String, mated: Bool) {
            self.verification = verification
            self.enrolment = enrolment
            self.mated = mated
        }
    }
}
