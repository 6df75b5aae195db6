import BiometricMetrics
import FaceImaging

/// A face verification (1:1) matcher under test: the one interface every plugin adapter implements.
///
/// Modelled on NIST FRTE 1:1 (`Interface::createFaceTemplate`, `Interface::matchTemplates`): the harness asks for
/// one template per image and role, then compares a verification template with an enrolment template.
///
/// ## Implementation requirements
/// - Requirements are synchronous and may be called concurrently from several threads: the harness owns
///   parallelism. A conforming matcher is `Sendable` and keeps no state that one call leaves for another.
/// - Deterministic: the same image and role give the same template bytes, the same two templates the same score.
/// - ``createTemplate(from:role:)`` refuses input it cannot use by throwing ``MatcherError`` with
///   ``MatcherError/Code/refuseInput`` or ``MatcherError/Code/faceDetectionError`` (NIST `RefuseInput`,
///   `FaceDetectionError`), and reports its own faults as ``MatcherError/Code/extractError`` (NIST `ExtractError`)
///   or another code. Refusals and failures are recorded findings, never a crash of the run.
/// - ``compare(verification:enrolment:)`` returns a finite score of the kind ``MatcherIdentity/scoreKind`` names:
///   a `similarity` is larger for more alike faces, a `distance` is non-negative and smaller for more alike faces.
///   NaN, infinities or a negative distance are recorded as protocol violations.
/// - The harness never compares a template whose creation failed: such comparisons are recorded as failures of
///   the matcher (ISO/IEC 19795-1 generalised rates), never given a fake score.
///
/// ## Blindness
/// A matcher sees pixels and opaque template bytes only, in an order the harness shuffles with a recorded seed:
/// never file names, image or subject ids, pair labels or which suite runs.
public protocol FaceMatcher: Sendable {
    /// Who the matcher is and how to read its scores. Read once per run.
    var identity: MatcherIdentity { get }

    /// Creates a template from one face image.
    ///
    /// - Parameters:
    ///   - image: 8-bit gray or RGB pixels.
    ///   - role: Whether the template will be the enrolment (reference) or verification (probe) side.
    /// - Returns: The template, and optionally the detected eye positions and a quality value.
    /// - Throws: ``MatcherError`` for a refusal of the input or a failure to extract.
    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate

    /// Compares a verification template with an enrolment template.
    ///
    /// - Returns: A score of ``MatcherIdentity/scoreKind``.
    /// - Throws: ``MatcherError`` (NIST `MatchError`, `VerifTemplateError`, …) when no score can be given.
    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double

    /// Compares many pairs at once. Adapters that cross a process boundary override this to batch round trips;
    /// the default calls ``compare(verification:enrolment:)`` for each pair in order.
    func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>]
}

extension FaceMatcher {
    public func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>] {
        pairs.map { pair in
            Result { () throws(MatcherError) in try compare(verification: pair.verification, enrolment: pair.enrolment) }
        }
    }
}

/// The side of a comparison a template is made for (NIST FRTE `TemplateRole`, ISO/IEC 19795-1 enrolment and
/// verification/probe samples).
public enum TemplateRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The reference, e.g. the photo on an identity card.
    case enrolment
    /// The probe, e.g. a live capture.
    case verification
}

/// An opaque template as the matcher produced it.
public struct Template: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

/// A verification template and an enrolment template to compare.
public struct TemplatePair: Sendable, Hashable {
    public var verification: Template
    public var enrolment: Template
    public init(verification: Template, enrolment: Template) {
        self.verification = verification
        self.enrolment = enrolment
    }
}

/// What a successful template creation gives.
public struct CreatedTemplate: Sendable, Hashable {
    public var template: Template
    /// Eye centres the matcher detected, if it reports them.
    public var eyes: EyePositions?
    /// A quality value in 0…100 (ISO/IEC 29794-1 convention), if the matcher reports one.
    public var quality: Double?
    public init(template: Template, eyes: EyePositions? = nil, quality: Double? = nil) {
        self.template = template
        self.eyes = eyes
        self.quality = quality
    }
}

/// Who a matcher is and how to read its scores.
public struct MatcherIdentity: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var vendor: String
    /// Whether larger scores mean more alike (`similarity`) or less alike (`distance`).
    public var scoreKind: ScoreKind
    /// The operating threshold the vendor declares, if any.
    public var declaredThreshold: Double?
    /// Whether `compare(a, b) == compare(b, a)` is promised (checked by `plugin validate`).
    public var symmetric: Bool

    public init(
        name: String, version: String, vendor: String, scoreKind: ScoreKind, declaredThreshold: Double? = nil,
        symmetric: Bool = false
    ) {
        self.name = name
        self.version = version
        self.vendor = vendor
        self.scoreKind = scoreKind
        self.declaredThreshold = declaredThreshold
        self.symmetric = symmetric
    }
}

/// A matcher's refusal or failure, with NIST FRTE's return codes.
public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// NIST FRTE `ReturnCode` values, plus the harness's own codes for faults it observes.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input is not usable (no face, several faces, too small): NIST `RefuseInput`.
        public static let refuseInput = Code(rawValue: "refuseInput")
        /// No face was found: NIST `FaceDetectionError`.
        public static let faceDetectionError = Code(rawValue: "faceDetectionError")
        /// A face was found but no features could be extracted: NIST `ExtractError`.
        public static let extractError = Code(rawValue: "extractError")
        /// The template could not be created for another reason: NIST `TemplateCreationError`.
        public static let templateCreationError = Code(rawValue: "templateCreationError")
        /// A template could not be parsed during comparison: NIST `VerifTemplateError` / `TemplateFormatError`.
        public static let templateFormatError = Code(rawValue: "templateFormatError")
        /// The comparison failed: NIST `MatchError`.
        public static let matchError = Code(rawValue: "matchError")
        /// Any other vendor-defined failure: NIST `VendorError`.
        public static let vendorError = Code(rawValue: "vendorError")
        /// Harness-observed: the call exceeded its time limit and the plugin was stopped.
        public static let timeout = Code(rawValue: "timeout")
        /// Harness-observed: the plugin process or library crashed during the call.
        public static let crash = Code(rawValue: "crash")
        /// Harness-observed: the plugin answered outside the protocol (garbage, wrong lengths, NaN, wrong sign).
        public static let protocolViolation = Code(rawValue: "protocolViolation")
        /// Harness-observed: the comparison was not attempted because a template failed.
        public static let templateUnavailable = Code(rawValue: "templateUnavailable")

        /// Whether this code is the matcher declining the input (a refusal) rather than a fault.
        public var isRefusal: Bool { self == .refuseInput || self == .faceDetectionError }
    }

    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String = "") {
        self.code = code
        self.message = message
    }
    public var description: String { message.isEmpty ? code.rawValue : "\(code.rawValue): \(message)" }
}
