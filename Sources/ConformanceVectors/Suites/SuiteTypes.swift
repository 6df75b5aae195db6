import FaceImaging
import Foundation

/// Publication status of a suite release.
public enum SuiteStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Work in progress; a report judged on it must say so.
    case draft
    /// Released by its publisher.
    case published
    /// Withdrawn by its publisher; kept loadable so old results can be reproduced.
    case withdrawn
}

/// Where a suite's images live.
public enum ImageStorage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Under `images/` beside `suite.json`.
    case bundled
    /// Not distributed; each lab supplies an image root (`--images DIR`) and the hashes prove it is the same.
    case external
}

/// The role an image may take in a comparison (ISO/IEC 19795-1: reference = enrolment, probe = verification).
public enum CaptureRole: String, Sendable, Hashable, Codable, CaseIterable {
    case enrolment
    case verification
    /// Either side: used when every pair is taken once (`unordered` pairing) or in both roles (`crossRole`).
    case both

    /// Whether the image may be the enrolment (reference) side.
    public var canEnrol: Bool { self != .verification }
    /// Whether the image may be the verification (probe) side.
    public var canVerify: Bool { self != .enrolment }
}

/// What a conforming matcher must do with an image.
public enum ExpectedOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// It must produce a template.
    case enrol
    /// It must refuse (no face, two faces, undersized, ...).
    case refuse
    /// Either is conforming.
    case either
}

/// A person in a suite.
public struct SuiteSubject: Sendable, Hashable {
    public let id: String
    /// Free key/value attributes (`sex`, `ageBand`, `ethnicity` are the documented well-known keys).
    public let attributes: [String: String]
}

/// One image of a loaded suite; its bytes have been checked against ``sha256``.
public struct SuiteImage: Sendable, Hashable, Identifiable {
    public let id: String
    /// Path relative to the image root, as the manifest gives it.
    public let path: String
    /// The resolved file.
    public let url: URL
    /// Lowercase hex SHA-256 of the file, verified at load.
    public let sha256: String
    /// Index into ``VectorSuite/subjects``, or `nil` for an image of nobody.
    public let subjectIndex: Int?
    /// The subject's id, or `nil`.
    public let subjectID: String?
    public let role: CaptureRole
    public let eyes: EyePositions?
    public let expected: ExpectedOutcome

    /// Whether the image takes part in protocol comparisons: it has a subject and is not expected to be refused.
    public var isComparable: Bool { subjectIndex != nil && expected != .refuse }
}

/// One comparison: a verification (probe) image against an enrolment (reference) image, by index into
/// ``VectorSuite/images``.
public struct Comparison: Sendable, Hashable, CustomStringConvertible {
    public var verification: Int
    public var enrolment: Int
    /// Whether both images show the same subject.
    public var mated: Bool

    public init(verification: Int, enrolment: Int, mated: Bool) {
        self.verification = verification
        self.enrolment = enrolment
        self.mated = mated
    }

    public var description: String { "(\(verification) vs \(enrolment), \(mated ? "mated" : "non-mated"))" }
}

/// The comparison protocol of a suite, typed.
public enum ComparisonPlan: Sendable, Hashable {
    /// How pairs are formed.
    public enum Pairing: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every verification-capable image against every enrolment-capable image (an image with role `both`
        /// is on both sides, never against itself).
        case crossRole
        /// Every unordered pair of `both` images once; the image earlier in the manifest is the enrolment side.
        case unordered
    }

    /// Which non-mated pairs are taken.
    public enum NonMatedSelection: Sendable, Hashable {
        case all
        /// The first `count` pairs of a seeded pseudo-random permutation of all non-mated pairs.
        case sample(count: Int, seed: UInt64)
        case none
    }

    case declared(pairing: Pairing, includeMated: Bool, nonMated: NonMatedSelection)
    case explicit
}
