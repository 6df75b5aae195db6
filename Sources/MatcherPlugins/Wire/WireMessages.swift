import BiometricMetrics
import FaceImaging

/// Builds requests and parses replies of wire protocol version 1 (docs/plugin-protocol.md).
enum WireMessages {
    static func hello(requestID: UInt32) -> [UInt8] {
        WireWriter.frame(.hello, requestID: requestID) { writer in
            writer.bytes.append(contentsOf: WireFormat.magic)
            writer.u32(WireFormat.version)
            writer.u32(WireFormat.version)
        }
    }

    static func shutdown(requestID: UInt32) -> [UInt8] {
        WireWriter.frame(.shutdown, requestID: requestID) { _ in }
    }

    static func createTemplate(requestID: UInt32, image: FaceImage, role: TemplateRole) -> [UInt8] {
        WireWriter.frame(.createTemplate, requestID: requestID, bodyCapacity: 14 + image.pixels.count) { writer in
            writer.u8(role == .enrolment ? 0 : 1)
            writer.u32(UInt32(truncatingIfNeeded: image.width))
            writer.u32(UInt32(truncatingIfNeeded: image.height))
            writer.u8(WireFormat.pixelFormatByte(image.format))
            writer.data(image.pixels)
        }
    }

    static func compare(requestID: UInt32, pairs: ArraySlice<TemplatePair>) -> [UInt8] {
        let capacity = pairs.reduce(4) { $0 + 8 + $1.verification.bytes.count + $1.enrolment.bytes.count }
        return WireWriter.frame(.compare, requestID: requestID, bodyCapacity: capacity) { writer in
            writer.u32(UInt32(truncatingIfNeeded: pairs.count))
            for pair in pairs {
                writer.data(pair.verification.bytes)
                writer.data(pair.enrolment.bytes)
            }
        }
    }

    /// Checks a reply's kind and request id; a `fatal` frame becomes ``ReplyOutcome/fatal``.
    static func open(
        _ frame: [UInt8], expecting kind: WireFormat.Kind, requestID: UInt32
    ) throws(WireViolation) -> WireReader {
        var reader = WireReader(frame)
        let rawKind = try reader.u8("the frame kind")
        let id = try reader.u32("the request id")
        if rawKind == WireFormat.Kind.fatal.rawValue {
            let message = (try? reader.string("the fatal message")) ?? "(unreadable message)"
            throw WireViolation("the plugin reported a fatal error: \(message)")
        }
        guard rawKind == kind.rawValue else {
            throw WireViolation(
                "expected a frame of kind 0x\(String(kind.rawValue, radix: 16)), got 0x\(String(rawKind, radix: 16))")
        }
        guard id == requestID else {
            throw WireViolation("the reply names request \(id), the request was \(requestID)")
        }
        return reader
    }

    /// Parses a hello reply into the matcher's identity.
    static func parseHelloReply(_ frame: [UInt8], requestID: UInt32) throws(WireViolation) -> MatcherIdentity {
        var reader = try open(frame, expecting: .helloReply, requestID: requestID)
        var magic: [UInt8] = []
        for _ in 0..<4 { magic.append(try reader.u8("the magic")) }
        guard magic == WireFormat.magic else { throw WireViolation("the hello reply does not start with FCMP") }
        let version = try reader.u32("the protocol version")
        guard version == WireFormat.version else {
            throw WireViolation("the plugin chose protocol version \(version); this facecert speaks version 1")
        }
        let name = try reader.string("the name", maxLength: 256)
        let matcherVersion = try reader.string("the version", maxLength: 256)
        let vendor = try reader.string("the vendor", maxLength: 256)
        let kindByte = try reader.u8("the score kind")
        let hasThreshold = try reader.u8("the threshold flag")
        let threshold = try reader.f64("the declared threshold")
        let symmetric = try reader.u8("the symmetric flag")
        try reader.expectEnd("the hello reply")
        let kind: ScoreKind
        switch kindByte {
        case 0: kind = .similarity
        case 1: kind = .distance
        default: throw WireViolation("score kind must be 0 (similarity) or 1 (distance), got \(kindByte)")
        }
        guard !name.isEmpty, !matcherVersion.isEmpty, !vendor.isEmpty else {
            throw WireViolation("name, version and vendor must not be empty")
        }
        guard hasThreshold <= 1, symmetric <= 1 else { throw WireViolation("flags must be 0 or 1") }
        if hasThreshold == 1, !threshold.isFinite {
            throw WireViolation("the declared threshold must be finite, got \(threshold)")
        }
        return MatcherIdentity(
            name: name, version: matcherVersion, vendor: vendor, scoreKind: kind,
            declaredThreshold: hasThreshold == 1 ? threshold : nil, symmetric: symmetric == 1)
    }

    /// Parses a template reply. A well-formed refusal or failure is `.failure`; malformed bytes throw.
    static func parseTemplateReply(
        _ frame: [UInt8], requestID: UInt32, maxTemplateBytes: Int
    ) throws(WireViolation) -> Result<CreatedTemplate, MatcherError> {
        var reader = try open(frame, expecting: .templateReply, requestID: requestID)
        let status = try reader.u8("the status")
        guard status == 0 else {
            guard let code = WireFormat.code(forStatus: status) else {
                throw WireViolation("unknown status \(status) (valid: 0...7)")
            }
            let message = try reader.string("the message")
            try reader.expectEnd("the template reply")
            return .failure(MatcherError(code, message))
        }
        let bytes = try reader.data("the template", maxLength: maxTemplateBytes)
        let flags = try reader.u8("the flags")
        guard flags & ~3 == 0 else { throw WireViolation("unknown flag bits in 0x\(String(flags, radix: 16))") }
        var eyes: EyePositions?
        if flags & 1 != 0 {
            let values = [
                try reader.f64("left eye x"), try reader.f64("left eye y"), try reader.f64("right eye x"),
                try reader.f64("right eye y"),
            ]
            guard values.allSatisfy(\.isFinite) else { throw WireViolation("eye positions must be finite") }
            eyes = EyePositions(
                left: ImagePoint(x: values[0], y: values[1]), right: ImagePoint(x: values[2], y: values[3]))
        }
        var quality: Double?
        if flags & 2 != 0 {
            let value = try reader.f64("the quality")
            guard value.isFinite, (0...100).contains(value) else {
                throw WireViolation("quality must be in 0...100, got \(value)")
            }
            quality = value
        }
        try reader.expectEnd("the template reply")
        return .success(CreatedTemplate(template: Template(bytes: bytes), eyes: eyes, quality: quality))
    }

    /// Parses a compare reply into raw per-pair outcomes (scores not yet checked against the score kind).
    static func parseCompareReply(
        _ frame: [UInt8], requestID: UInt32, count: Int
    ) throws(WireViolation) -> [Result<Double, MatcherError>] {
        var reader = try open(frame, expecting: .compareReply, requestID: requestID)
        let replyCount = Int(try reader.u32("the count"))
        guard replyCount == count else {
            throw WireViolation("the reply has \(replyCount) results for \(count) pairs")
        }
        var results: [Result<Double, MatcherError>] = []
        results.reserveCapacity(count)
        for index in 0..<count {
            let status = try reader.u8("the status of pair \(index)")
            if status == 0 {
                results.append(.success(try reader.f64("the score of pair \(index)")))
            } else {
                guard let code = WireFormat.code(forStatus: status) else {
                    throw WireViolation("unknown status \(status) for pair \(index) (valid: 0...7)")
                }
                results.append(.failure(MatcherError(code, try reader.string("the message of pair \(index)"))))
            }
        }
        try reader.expectEnd("the compare reply")
        return results
    }
}

/// Rules every score must follow, whichever adapter produced it.
enum ScoreRules {
    /// Why `score` breaks the protocol for `kind`, or `nil` when it is valid: finite, and non-negative for a
    /// distance.
    static func violation(_ score: Double, kind: ScoreKind) -> String? {
        if score.isNaN { return "the score is NaN" }
        if score.isInfinite { return "the score is \(score > 0 ? "+" : "-")infinity" }
        if kind == .distance, score < 0 { return "the distance \(score) is negative" }
        return nil
    }
}
