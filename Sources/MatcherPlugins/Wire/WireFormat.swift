import BiometricMetrics
import FaceImaging

/// The binary wire protocol spoken on a plugin's stdin/stdout (docs/plugin-protocol.md, version 1).
///
/// Every message is a frame: `u32 length` (little-endian, counts the bytes that follow), `u8 kind`,
/// `u32 requestID`, then the body of that kind. Strings and byte strings are `u32 length` + bytes; doubles are
/// IEEE-754 binary64 little-endian. Numbers of statuses are the C header's `facecert_status` values.
enum WireFormat {
    /// The protocol versions this harness speaks.
    static let version: UInt32 = 1
    /// Four bytes opening a hello and its reply: "FCMP".
    static let magic: [UInt8] = Array("FCMP".utf8)
    /// The bytes of a frame header after the length: kind and request id.
    static let headerLength = 5

    /// Frame kinds; host → plugin below 0x80, plugin → host from 0x80.
    enum Kind: UInt8, Sendable {
        case hello = 0x01
        case createTemplate = 0x02
        case compare = 0x03
        case shutdown = 0x04
        case helloReply = 0x81
        case templateReply = 0x82
        case compareReply = 0x83
        case fatal = 0xFF
    }

    /// Status byte ↔ ``MatcherError/Code`` (0 = success).
    static func code(forStatus status: UInt8) -> MatcherError.Code? {
        switch status {
        case 1: .refuseInput
        case 2: .faceDetectionError
        case 3: .extractError
        case 4: .templateCreationError
        case 5: .templateFormatError
        case 6: .matchError
        case 7: .vendorError
        default: nil
        }
    }

    static func pixelFormatByte(_ format: FaceImage.PixelFormat) -> UInt8 {
        switch format {
        case .gray8: 1
        case .rgb8: 3
        }
    }
}

/// Appends little-endian values to a byte buffer.
struct WireWriter {
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func f64(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func data(_ value: [UInt8]) {
        u32(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }
    mutating func string(_ value: String) { data(Array(value.utf8)) }

    /// Builds a whole frame: length, kind, request id, body.
    static func frame(_ kind: WireFormat.Kind, requestID: UInt32, bodyCapacity: Int = 0, body: (inout WireWriter) -> Void)
        -> [UInt8]
    {
        var writer = WireWriter(reservingCapacity: 9 + bodyCapacity)
        writer.u32(0)
        writer.u8(kind.rawValue)
        writer.u32(requestID)
        body(&writer)
        let length = UInt32(truncatingIfNeeded: writer.bytes.count - 4).littleEndian
        withUnsafeBytes(of: length) { raw in
            for index in 0..<4 { writer.bytes[index] = raw[index] }
        }
        return writer.bytes
    }
}

/// Why a plugin's bytes could not be read as the protocol says.
struct WireViolation: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Reads little-endian values from a frame body with bounds checks; every read past the end is a violation.
struct WireReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let limit: Int

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.limit = bytes.count
    }

    var remaining: Int { limit - offset }

    private mutating func need(_ count: Int, _ what: String) throws(WireViolation) {
        guard count >= 0, remaining >= count else {
            throw WireViolation("frame ends inside \(what) (needs \(count) bytes, \(remaining) left)")
        }
    }

    mutating func u8(_ what: String) throws(WireViolation) -> UInt8 {
        try need(1, what)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32(_ what: String) throws(WireViolation) -> UInt32 {
        try need(4, what)
        defer { offset += 4 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    mutating func f64(_ what: String) throws(WireViolation) -> Double {
        try need(8, what)
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func data(_ what: String, maxLength: Int) throws(WireViolation) -> [UInt8] {
        let length = Int(try u32("the length of \(what)"))
        guard length <= maxLength else {
            throw WireViolation("\(what) is \(length) bytes, more than the limit of \(maxLength)")
        }
        try need(length, what)
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }

    mutating func string(_ what: String, maxLength: Int = 4096) throws(WireViolation) -> String {
        let raw = try data(what, maxLength: maxLength)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw WireViolation("\(what) is not valid UTF-8")
        }
        return text
    }

    func expectEnd(_ what: String) throws(WireViolation) {
        guard remaining == 0 else { throw WireViolation("\(remaining) unexpected bytes after \(what)") }
    }
}
