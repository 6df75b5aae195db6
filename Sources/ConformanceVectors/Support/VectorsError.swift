/// Why a suite, a profile, a key or a signature was refused.
///
/// A struct with an extensible nested ``Code`` (as swift-nio's `FileSystemError`). The ``message`` says what was
/// wrong, where (``file``, ``jsonPath``, image id) and what to do; ``diagnostics`` carries every finding when a
/// whole suite was refused, so a caller can show them all at once.
public struct VectorsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable category. New codes may be added; switch with a `default`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }

        /// A file could not be read or written (missing, a directory, no permission).
        public static let io = Code(rawValue: "io")
        /// The bytes are not valid JSON.
        public static let malformedJSON = Code(rawValue: "malformedJSON")
        /// The `schema` field names a format version this build of facecert does not read.
        public static let unsupportedSchema = Code(rawValue: "unsupportedSchema")
        /// A required field is missing or has the wrong JSON type.
        public static let missingField = Code(rawValue: "missingField")
        /// A field has a value outside its allowed set or range.
        public static let invalidValue = Code(rawValue: "invalidValue")
        /// A version string is not a semantic version (semver.org 2.0.0).
        public static let invalidVersion = Code(rawValue: "invalidVersion")
        /// Two entries share an id (subjects, images, requirements) or a path.
        public static let duplicateID = Code(rawValue: "duplicateID")
        /// An image names a subject the suite does not declare.
        public static let unknownSubject = Code(rawValue: "unknownSubject")
        /// A comparison names an image the suite does not declare.
        public static let danglingReference = Code(rawValue: "danglingReference")
        /// A comparison compares an image with itself.
        public static let selfComparison = Code(rawValue: "selfComparison")
        /// A comparison's `mated` flag contradicts the images' subjects.
        public static let matedContradiction = Code(rawValue: "matedContradiction")
        /// A comparison uses an image in a role it does not have, or an image that takes no part in comparisons.
        public static let roleMismatch = Code(rawValue: "roleMismatch")
        /// A path is absolute, contains `..`, or resolves (through symlinks) outside its root.
        public static let pathEscape = Code(rawValue: "pathEscape")
        /// An image file is missing or is not a regular file.
        public static let missingImage = Code(rawValue: "missingImage")
        /// An image file's SHA-256 differs from the manifest's.
        public static let hashMismatch = Code(rawValue: "hashMismatch")
        /// A count or a size exceeds the loader's limits.
        public static let tooLarge = Code(rawValue: "tooLarge")
        /// A suite is too small for what it is used for: a subject without a mated pair, a demographic group or
        /// a comparison count below a minimum.
        public static let sampleTooSmall = Code(rawValue: "sampleTooSmall")
        /// The comparison protocol cannot be carried out as declared.
        public static let invalidProtocol = Code(rawValue: "invalidProtocol")
        /// A metric name the profile format does not know.
        public static let unknownMetric = Code(rawValue: "unknownMetric")
        /// A profile reference (`ID[@VERSION]`) does not resolve.
        public static let profileNotFound = Code(rawValue: "profileNotFound")
        /// A key file could not be parsed.
        public static let invalidKey = Code(rawValue: "invalidKey")
        /// A signature does not verify, or does not belong to this suite.
        public static let badSignature = Code(rawValue: "badSignature")
        /// A CSV input of `vectors build` is malformed or names a file that is not there.
        public static let invalidSource = Code(rawValue: "invalidSource")
        /// The suite as a whole was refused; ``VectorsError/diagnostics`` lists every error.
        public static let suiteRejected = Code(rawValue: "suiteRejected")
    }

    /// The category.
    public var code: Code
    /// What was wrong, where, and what to do, for a person.
    public var message: String
    /// The file concerned, as the user named it, when known.
    public var file: String?
    /// The JSON path inside ``file`` (`$.images[3].sha256`), when the error is about one value.
    public var jsonPath: String?
    /// Every finding, when the error stands for a refused suite (code ``Code/suiteRejected``).
    public var diagnostics: [SuiteDiagnostic]

    public init(
        _ code: Code, _ message: String, file: String? = nil, jsonPath: String? = nil,
        diagnostics: [SuiteDiagnostic] = []
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.jsonPath = jsonPath
        self.diagnostics = diagnostics
    }

    public var description: String {
        var text = ""
        if let file { text += file }
        if let jsonPath { text += (text.isEmpty ? "" : " ") + jsonPath }
        if !text.isEmpty { text += ": " }
        text += "error \(code.rawValue): \(message)"
        return text
    }
}
