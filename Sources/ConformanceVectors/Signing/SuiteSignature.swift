import Crypto
import Foundation

/// A detached Ed25519 signature over a suite digest, as stored in `suite.sig.json`.
///
/// The signed message is the ASCII text `facecert.suite-signature/1`, one line feed, then the 32 digest bytes
/// (see ``SuiteDigest``). Because the digest covers the manifest (id and version included) and every image, a
/// valid signature proves the whole suite is the publisher's.
public struct SuiteSignature: Sendable, Hashable, Codable {
    /// The only format version this build reads and writes.
    public static let schemaIdentifier = "facecert.signature/1"
    /// The default file name beside `suite.json`.
    public static let fileName = "suite.sig.json"
    /// The signed message's prefix.
    public static let domain = "facecert.suite-signature/1\n"

    public var schema: String
    /// Always `Ed25519`.
    public var algorithm: String
    /// `ID@VERSION` of the signed suite (informative; the digest is what is signed).
    public var suite: String
    public var digest: SuiteDigest
    /// The signer's public key, 64 lowercase hex digits (informative: verification uses the key the lab trusts).
    public var publicKey: String
    /// The 64-byte signature, base64.
    public var signature: String

    /// Signs `digest` of the suite `suite` (`ID@VERSION`) with `key`.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/invalidKey`` when the key cannot sign.
    public init(signing digest: SuiteDigest, suite: String, with key: Curve25519.Signing.PrivateKey)
        throws(VectorsError)
    {
        let bytes: Data
        do {
            bytes = try key.signature(for: Self.message(for: digest))
        } catch {
            throw VectorsError(.invalidKey, "Ed25519 signing failed: \(error)")
        }
        schema = Self.schemaIdentifier
        algorithm = "Ed25519"
        self.suite = suite
        self.digest = digest
        publicKey = Hex.encode(key.publicKey.rawRepresentation)
        signature = bytes.base64EncodedString()
    }

    static func message(for digest: SuiteDigest) -> Data { Data(domain.utf8) + Data(digest.bytes) }

    /// Checks that this signature was made by `key` over `digest`.
    ///
    /// - Parameters:
    ///   - digest: The digest of the suite as loaded now.
    ///   - key: The publisher's public key, as the lab obtained it.
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/badSignature`` saying whether the suite changed
    ///   since signing, the signature is for another key, or the signature is forged or corrupt.
    public func verify(digest: SuiteDigest, with key: Curve25519.Signing.PublicKey) throws(VectorsError) {
        guard schema == Self.schemaIdentifier, algorithm == "Ed25519" else {
            throw VectorsError(
                .unsupportedSchema,
                "signature format \"\(schema)\" / \(algorithm) is not \(Self.schemaIdentifier) / Ed25519")
        }
        guard self.digest == digest else {
            throw VectorsError(
                .badSignature,
                "the suite changed since it was signed: it was signed with digest \(self.digest) but now has "
                    + "\(digest); obtain the published suite again")
        }
        guard let bytes = Data(base64Encoded: signature), bytes.count == 64 else {
            throw VectorsError(.badSignature, "the signature field is not 64 bytes of base64")
        }
        guard key.isValidSignature(bytes, for: Self.message(for: digest)) else {
            let hint =
                Hex.encode(key.rawRepresentation) == publicKey
                ? "the signature is corrupt or forged"
                : "it was not made with this public key (the file names key \(publicKey))"
            throw VectorsError(.badSignature, "the signature does not verify: \(hint); do not trust this suite")
        }
    }

    /// Reads a signature file.
    ///
    /// - Throws: ``VectorsError`` naming the file and JSON path.
    public static func read(from url: URL) throws(VectorsError) -> SuiteSignature {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw VectorsError(
                .io,
                "cannot read the signature (\(error.localizedDescription)); sign the suite first "
                    + "(`facecert vectors sign`) or pass --signature FILE", file: url.path)
        }
        do {
            return try JSONDecoder().decode(SuiteSignature.self, from: data)
        } catch let error as DecodingError {
            let (path, message, code) = JSONPath.describe(error)
            throw VectorsError(code, message, file: url.path, jsonPath: path)
        } catch {
            throw VectorsError(.malformedJSON, "\(error)", file: url.path)
        }
    }

    /// Writes the signature as pretty JSON with sorted keys.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/io``.
    public func write(to url: URL) throws(VectorsError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(self) + Data("\n".utf8)).write(to: url, options: .atomic)
        } catch {
            throw VectorsError(.io, "cannot write the signature: \(error.localizedDescription)", file: url.path)
        }
    }
}
