import MatcherPlugins

/// The LBPH template wire format and its comparison.
///
/// Layout (little-endian): `"LBPH"` magic (4 bytes), format version `UInt16` = 1, reserved `UInt16` = 0,
/// configuration fingerprint `UInt32`, value count `UInt32`, then that many `Float32` values.
enum LBPHTemplate {
    static let magic: [UInt8] = Array("LBPH".utf8)
    static let version: UInt16 = 1
    static let headerSize = 16

    /// Serialises feature values.
    static func encode(_ values: [Float], fingerprint: UInt32) -> Template {
        var bytes = [UInt8]()
        bytes.reserveCapacity(headerSize + 4 * values.count)
        bytes += magic
        append(UInt32(version), to: &bytes, width: 2)
        append(0, to: &bytes, width: 2)
        append(fingerprint, to: &bytes, width: 4)
        append(UInt32(values.count), to: &bytes, width: 4)
        for value in values { append(value.bitPattern, to: &bytes, width: 4) }
        return Template(bytes: bytes)
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8], width: Int) {
        for shift in stride(from: 0, to: 8 * width, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    private static func read32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// Checks a template's header and returns its value count.
    static func valueCount(_ bytes: UnsafeRawBufferPointer, fingerprint: UInt32, side: String) throws(MatcherError)
        -> Int
    {
        guard bytes.count >= headerSize, bytes[0] == magic[0], bytes[1] == magic[1], bytes[2] == magic[2],
            bytes[3] == magic[3]
        else {
            throw MatcherError(
                .templateFormatError, "the \(side) template (\(bytes.count) bytes) is not an LBPH template")
        }
        let version = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        guard version == Self.version else {
            throw MatcherError(
                .templateFormatError, "the \(side) template has format version \(version); this matcher reads 1")
        }
        let stored = read32(bytes, 8)
        guard stored == fingerprint else {
            throw MatcherError(
                .templateFormatError,
                "the \(side) template was made with another LBPH configuration (fingerprint \(stored), "
                    + "this matcher's is \(fingerprint)); recreate it with this matcher")
        }
        let count = Int(read32(bytes, 12))
        guard bytes.count == headerSize + 4 * count else {
            throw MatcherError(
                .templateFormatError,
                "the \(side) template is \(bytes.count) bytes; its header promises \(headerSize + 4 * count)")
        }
        return count
    }

    /// χ² between two serialised templates, summed in 4 interleaved `Float` lanes (fixed order, so deterministic).
    static func chiSquare(_ a: [UInt8], _ b: [UInt8], fingerprint: UInt32) throws(MatcherError) -> Double {
        let result: Result<Double, MatcherError> = a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                do throws(MatcherError) {
                    let count = try valueCount(a, fingerprint: fingerprint, side: "verification")
                    let other = try valueCount(b, fingerprint: fingerprint, side: "enrolment")
                    guard count == other else {
                        return .failure(
                            MatcherError(.templateFormatError, "templates hold \(count) and \(other) values"))
                    }
                    let distance = sum(a, b, count: count)
                    guard distance.isFinite else {
                        return .failure(
                            MatcherError(.templateFormatError, "a template holds values that are not finite"))
                    }
                    return .success(distance)
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    static func sum(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, count: Int) -> Double {
        guard let baseA = a.baseAddress, let baseB = b.baseAddress else { return 0 }
        #if _endian(little)
            let pa = baseA + headerSize, pb = baseB + headerSize
            if Int(bitPattern: pa) % 4 == 0, Int(bitPattern: pb) % 4 == 0 {
                return kernel(
                    pa.assumingMemoryBound(to: Float.self), pb.assumingMemoryBound(to: Float.self), count: count)
            }
        #endif
        let va = (0..<count).map { Float(bitPattern: read32(a, headerSize + 4 * $0)) }
        let vb = (0..<count).map { Float(bitPattern: read32(b, headerSize + 4 * $0)) }
        return va.withUnsafeBufferPointer { va in
            vb.withUnsafeBufferPointer { vb in
                guard let pa = va.baseAddress, let pb = vb.baseAddress else { return 0 }
                return kernel(pa, pb, count: count)
            }
        }
    }

    /// The hot loop: Σ (x − y)² / (x + y) over values ≥ 0.
    @inline(__always)
    static func kernel(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Double {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var i = 0
        while i + 4 <= count {
            s0 += term(x[i], y[i])
            s1 += term(x[i + 1], y[i + 1])
            s2 += term(x[i + 2], y[i + 2])
            s3 += term(x[i + 3], y[i + 3])
            i += 4
        }
        while i < count {
            s0 += term(x[i], y[i])
            i += 1
        }
        return Double((s0 + s1) + (s2 + s3))
    }

    @inline(__always)
    static func term(_ x: Float, _ y: Float) -> Float {
        let total = x + y
        let difference = x - y
        return total > 0 ? difference * difference / total : 0
    }
}
