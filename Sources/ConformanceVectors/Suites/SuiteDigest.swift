import Crypto
import Foundation

/// One SHA-256 over a suite's manifest and every image, printed in every report so that two labs can show they
/// ran the same vectors.
///
/// Canonical byte stream (all integers unsigned 64-bit big-endian):
/// 1. the ASCII text `facecert.suite-digest/1` and one line feed (0x0A);
/// 2. the length of `suite.json` in bytes, then its bytes exactly as stored;
/// 3. for each image in manifest order: the UTF-8 length of its id, the id, the file's length, the file's bytes.
///
/// Changing any byte of the manifest or of any image, reordering images, or renaming an image changes the
/// digest; moving the image root does not.
public struct SuiteDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// The domain-separation prefix of the stream.
    public static let domain = "facecert.suite-digest/1\n"

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses 64 hex digits.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Lowercase hex.
    public var hex: String { Hex.encode(bytes) }
    /// `sha256:` followed by lowercase hex.
    public var description: String { "sha256:\(hex)" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard let digest = SuiteDigest(hex: hex) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a SHA-256 digest: \(text)")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Streams the canonical byte stream into SHA-256.
    struct Builder {
        private var hasher = SHA256()

        init(manifest: Data) {
            hasher.update(data: Data(SuiteDigest.domain.utf8))
            append(manifest)
        }

        private mutating func appendLength(_ count: Int) {
            var big = UInt64(count).bigEndian
            withUnsafeBytes(of: &big) { hasher.update(bufferPointer: $0) }
        }

        private mutating func append(_ data: Data) {
            appendLength(data.count)
            hasher.update(data: data)
        }

        mutating func appendImage(id: String, bytes: Data) {
            append(Data(id.utf8))
            append(bytes)
        }

        func finalize() -> SuiteDigest { SuiteDigest(bytes: Array(hasher.finalize())) }
    }
}

/// Lowercase hexadecimal text.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case); `nil` for odd length or a non-hex character.
    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    /// Whether `text` is exactly 64 lowercase hex digits.
    static func isLowercaseSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
