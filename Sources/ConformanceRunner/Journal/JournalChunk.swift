/// The framing of the run journal: a sequence of checksummed chunks, each
/// `magic u32 | kind u8 | 3 reserved bytes | payload length u32 | CRC-32 u32 | payload`, little-endian.
///
/// The CRC-32 covers the kind, the length and the payload. A reader stops at the first chunk that is short or
/// whose checksum does not match: that is the torn tail of a killed run, and everything before it is trusted.
struct JournalChunk: Sendable, Hashable {
    /// What a chunk holds.
    enum Kind: UInt8, Sendable {
        /// The run's parameters (JSON ``RunParameters``); always the first chunk.
        case parameters = 1
        /// One template creation (``TemplateRecord``).
        case template = 2
        /// One comparison batch: timing and fixed-size score records (``ScoreBatch``).
        case scoreBatch = 3
        /// One failed comparison's code and message (JSON ``ComparisonFailureRecord``).
        case comparisonFailure = 4
        /// The end of one process's work on the run (JSON ``SessionRecord``): wall time, jobs, end time.
        case session = 5
        /// A plugin fault outside any call (start, handshake, restart): JSON ``ConformanceReport/FaultRecord``.
        case pluginFault = 6
    }

    static let magic: UInt32 = 0x4A43_4621  // "!FCJ"
    static let headerSize = 16
    /// The largest payload a reader accepts (a template or a batch is far smaller).
    static let maximumPayload = 256 << 20

    var kind: Kind
    var payload: [UInt8]

    /// Appends the framed chunk to `buffer`.
    static func frame(kind: Kind, payload: UnsafeRawBufferPointer, into buffer: inout [UInt8]) {
        var kindAndLength: (UInt8, UInt8, UInt8, UInt8, UInt32) = (kind.rawValue, 0, 0, 0, UInt32(payload.count).littleEndian)
        let crc = withUnsafeBytes(of: &kindAndLength) { header in
            CRC32.checksum(payload, continuing: CRC32.checksum(header))
        }
        buffer.appendLittleEndian(magic)
        buffer.append(kind.rawValue)
        buffer.append(contentsOf: [0, 0, 0])
        buffer.appendLittleEndian(UInt32(payload.count))
        buffer.appendLittleEndian(crc)
        buffer.append(contentsOf: payload)
    }

    /// Reads the chunks of a journal file's bytes.
    ///
    /// - Returns: The valid chunks in order and the byte offset where the valid part ends (the file's length when
    ///   nothing is torn).
    /// - Complexity: O(n) in the file's size.
    static func parse(_ bytes: [UInt8]) -> (chunks: [JournalChunk], validLength: Int) {
        var chunks: [JournalChunk] = []
        let validLength = bytes.withUnsafeBytes { raw in
            visit(raw) { kind, payload in chunks.append(JournalChunk(kind: kind, payload: Array(payload))) }
        }
        return (chunks, validLength)
    }

    /// Calls `body` with each valid chunk's kind and payload, in place (no copy), up to the first short or corrupt
    /// chunk.
    ///
    /// - Returns: The byte offset where the valid part ends.
    /// - Complexity: O(n) in the size of `raw`.
    static func visit(_ raw: UnsafeRawBufferPointer, _ body: (Kind, UnsafeRawBufferPointer) -> Void) -> Int {
        var offset = 0
        while offset + headerSize <= raw.count {
            let magic = raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
            let kindByte = raw[offset + 4]
            let length = Int(raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self).littleEndian)
            let storedCRC = raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self).littleEndian
            guard magic == Self.magic, let kind = Kind(rawValue: kindByte), length <= maximumPayload,
                offset + headerSize + length <= raw.count
            else { break }
            var kindAndLength: (UInt8, UInt8, UInt8, UInt8, UInt32) = (kindByte, 0, 0, 0, UInt32(length).littleEndian)
            let payload = UnsafeRawBufferPointer(rebasing: raw[(offset + headerSize)..<(offset + headerSize + length)])
            let crc = Swift.withUnsafeBytes(of: &kindAndLength) { header in
                CRC32.checksum(payload, continuing: CRC32.checksum(header))
            }
            guard crc == storedCRC else { break }
            body(kind, payload)
            offset += headerSize + length
        }
        return offset
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func appendLittleEndian(_ value: Double) {
        appendLittleEndian(value.bitPattern)
    }

    mutating func appendString(_ string: String, lengthBytes: Int) {
        let utf8 = Array(string.utf8)
        if lengthBytes == 2 {
            let count = Swift.min(utf8.count, Int(UInt16.max))
            appendLittleEndian(UInt16(count))
            append(contentsOf: utf8[0..<count])
        } else {
            appendLittleEndian(UInt32(utf8.count))
            append(contentsOf: utf8)
        }
    }
}

/// A cursor over a chunk payload; every read fails softly (returns nil) past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard remaining >= MemoryLayout<T>.size else { return nil }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func readDouble() -> Double? { read(UInt64.self).map(Double.init(bitPattern:)) }

    mutating func readBytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func readString(lengthBytes: Int) -> String? {
        let count: Int?
        if lengthBytes == 2 { count = read(UInt16.self).map(Int.init) } else { count = read(UInt32.self).map(Int.init) }
        guard let count, let bytes = readBytes(count) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
