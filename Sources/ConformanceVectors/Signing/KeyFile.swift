import Crypto
import Foundation

/// Ed25519 key files for suite signing.
///
/// Two encodings are read and written:
/// - `pem` (default): PKCS#8 `PRIVATE KEY` and SubjectPublicKeyInfo `PUBLIC KEY` (RFC 8410, the form OpenSSL
///   writes with `openssl genpkey -algorithm ed25519`);
/// - `hex`: the 32-byte private seed or the 32-byte public key as 64 hex digits on one line.
/// Reading detects the encoding.
public enum KeyFile {
    /// How a key file is encoded.
    public enum Encoding: String, Sendable, Hashable, CaseIterable {
        case pem
        case hex
    }

    // RFC 8410 DER prefixes for Ed25519 (OID 1.3.101.112).
    private static let privatePrefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    private static let publicPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The text of a private key file.
    public static func encode(_ key: Curve25519.Signing.PrivateKey, as encoding: Encoding) -> String {
        switch encoding {
        case .pem: pem("PRIVATE KEY", privatePrefix + Array(key.rawRepresentation))
        case .hex: Hex.encode(key.rawRepresentation) + "\n"
        }
    }

    /// The text of a public key file.
    public static func encode(_ key: Curve25519.Signing.PublicKey, as encoding: Encoding) -> String {
        switch encoding {
        case .pem: pem("PUBLIC KEY", publicPrefix + Array(key.rawRepresentation))
        case .hex: Hex.encode(key.rawRepresentation) + "\n"
        }
    }

    private static func pem(_ label: String, _ der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }

    /// Parses a private key file's text (PEM or hex).
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/invalidKey``.
    public static func privateKey(from text: String, file: String? = nil) throws(VectorsError)
        -> Curve25519.Signing.PrivateKey
    {
        let raw = try decode(text, label: "PRIVATE KEY", prefix: privatePrefix, file: file)
        do { return try Curve25519.Signing.PrivateKey(rawRepresentation: raw) } catch {
            throw VectorsError(.invalidKey, "not an Ed25519 private key: \(error)", file: file)
        }
    }

    /// Parses a public key file's text (PEM or hex).
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/invalidKey``.
    public static func publicKey(from text: String, file: String? = nil) throws(VectorsError)
        -> Curve25519.Signing.PublicKey
    {
        let raw = try decode(text, label: "PUBLIC KEY", prefix: publicPrefix, file: file)
        do { return try Curve25519.Signing.PublicKey(rawRepresentation: raw) } catch {
            throw VectorsError(.invalidKey, "not an Ed25519 public key: \(error)", file: file)
        }
    }

    /// Reads and parses a private key file.
    public static func readPrivateKey(at url: URL) throws(VectorsError) -> Curve25519.Signing.PrivateKey {
        try privateKey(from: try read(url), file: url.path)
    }

    /// Reads and parses a public key file.
    public static func readPublicKey(at url: URL) throws(VectorsError) -> Curve25519.Signing.PublicKey {
        try publicKey(from: try read(url), file: url.path)
    }

    private static func read(_ url: URL) throws(VectorsError) -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw VectorsError(.io, "cannot read the key file: \(error.localizedDescription)", file: url.path)
        }
    }

    private static func decode(_ text: String, label: String, prefix: [UInt8], file: String?) throws(VectorsError)
        -> Data
    {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("-----BEGIN ") {
            let lines = trimmed.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            guard lines.first == "-----BEGIN \(label)-----", lines.last == "-----END \(label)-----" else {
                throw VectorsError(
                    .invalidKey,
                    "expected a PEM \"\(label)\" block (is this the other key of the pair?)", file: file)
            }
            guard let der = Data(base64Encoded: lines.dropFirst().dropLast().joined()),
                der.count == prefix.count + 32, Array(der.prefix(prefix.count)) == prefix
            else {
                throw VectorsError(
                    .invalidKey,
                    "the PEM block is not an Ed25519 key (RFC 8410); make keys with "
                        + "`facecert vectors keygen` or `openssl genpkey -algorithm ed25519`", file: file)
            }
            return der.suffix(32)
        }
        guard let bytes = Hex.decode(trimmed), bytes.count == 32 else {
            throw VectorsError(
                .invalidKey, "expected PEM or 64 hex digits (a raw 32-byte Ed25519 key)", file: file)
        }
        return Data(bytes)
    }
}
