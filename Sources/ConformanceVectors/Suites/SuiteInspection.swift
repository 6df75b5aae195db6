import Foundation

/// Everything a look at a suite found: diagnostics, counts, and the loaded suite when it is sound.
///
/// ``SuiteLoader/inspect(_:options:)`` returns one and never throws; `facecert vectors lint` prints it.
public struct SuiteInspection: Sendable {
    /// The manifest file as the caller named it.
    public var manifestPath: String
    /// Errors and warnings, errors first, each in manifest order.
    public var diagnostics: [SuiteDiagnostic]
    /// The suite, when there is no error and every image was verified.
    public var suite: VectorSuite?
    /// The decoded manifest, when it parsed.
    public var manifest: SuiteManifest?
    /// Counts, when the manifest parsed (comparison counts when the protocol is valid).
    public var subjectCount: Int?
    public var imageCount: Int?
    public var matedCount: Int?
    public var nonMatedCount: Int?
    /// Whether every image file was read and matched its hash.
    public var imagesVerified: Bool
    /// The suite digest, when every image was verified.
    public var digest: SuiteDigest?

    public var errors: [SuiteDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [SuiteDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
