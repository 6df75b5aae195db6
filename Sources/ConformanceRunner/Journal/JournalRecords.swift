import BiometricMetrics
import Foundation
import MatcherPlugins

/// A template slot: one image in one role. Slot `image * 2 + 0` is the enrolment template, `+ 1` verification.
struct TemplateSlot: Sendable, Hashable, Comparable {
    var rawValue: Int

    init(image: Int, role: TemplateRole) { rawValue = image * 2 + (role == .enrolment ? 0 : 1) }
    init(rawValue: Int) { self.rawValue = rawValue }

    var image: Int { rawValue >> 1 }
    var role: TemplateRole { rawValue & 1 == 0 ? .enrolment : .verification }

    static func < (lhs: TemplateSlot, rhs: TemplateSlot) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The outcome of one template creation, as journalled.
struct TemplateRecord: Sendable, Hashable {
    enum Outcome: UInt8, Sendable {
        case created = 0
        /// The matcher declined the input (``MatcherError/Code/isRefusal``).
        case refused = 1
        /// Any other error: extract error, time-out, crash, protocol violation, …
        case failed = 2
    }

    var slot: TemplateSlot
    var outcome: Outcome
    var seconds: Double
    var code: String
    var message: String
    var template: [UInt8]

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24 + code.utf8.count + message.utf8.count + template.count)
        bytes.appendLittleEndian(UInt64(slot.rawValue))
        bytes.append(outcome.rawValue)
        bytes.appendLittleEndian(seconds)
        bytes.appendString(code, lengthBytes: 2)
        bytes.appendString(message, lengthBytes: 4)
        bytes.appendLittleEndian(UInt32(template.count))
        bytes.append(contentsOf: template)
        return bytes
    }

    init(slot: TemplateSlot, outcome: Outcome, seconds: Double, code: String, message: String, template: [UInt8]) {
        self.slot = slot
        self.outcome = outcome
        self.seconds = seconds
        self.code = code
        self.message = message
        self.template = template
    }

    init?(decoding payload: [UInt8]) {
        var reader = ByteReader(payload)
        guard let slot = reader.read(UInt64.self), let outcomeByte = reader.read(UInt8.self),
            let outcome = Outcome(rawValue: outcomeByte), let seconds = reader.readDouble(),
            let code = reader.readString(lengthBytes: 2), let message = reader.readString(lengthBytes: 4),
            let length = reader.read(UInt32.self), let template = reader.readBytes(Int(length)), reader.remaining == 0,
            slot <= UInt64(Int.max)
        else { return nil }
        self.init(
            slot: TemplateSlot(rawValue: Int(slot)), outcome: outcome, seconds: seconds, code: code, message: message,
            template: template)
    }
}

/// The status of one comparison, in the top byte of its score record.
enum ComparisonStatus: UInt8, Sendable {
    /// The matcher returned a valid score.
    case scored = 0
    /// Not attempted: one of the two templates failed (ISO/IEC 19795-1: counted against the matcher).
    case templateUnavailable = 1
    /// The matcher failed or answered outside the protocol; a ``ComparisonFailureRecord`` has the details.
    case failed = 2
}

/// One comparison's result as a fixed 16-byte record: `UInt64(index | status << 56)`, `Float64` score.
struct ScoreRecord: Sendable, Hashable {
    static let size = 16
    static let indexMask: UInt64 = (1 << 56) - 1

    var index: Int
    var status: ComparisonStatus
    var score: Double
}

/// A comparison batch's journal payload: `pairsSent u32 | records u32 | seconds f64 | records…`.
enum ScoreBatch {
    static let headerSize = 16

    /// Decodes a batch, calling `body` for each record.
    ///
    /// - Returns: `(pairs sent to the matcher, seconds)`, or nil when the payload is malformed.
    static func decode(_ payload: [UInt8], _ body: (ScoreRecord) -> Void) -> (sent: Int, seconds: Double)? {
        payload.withUnsafeBytes { decode($0, body) }
    }

    /// Decodes a batch in place.
    @inline(__always)
    static func decode(_ raw: UnsafeRawBufferPointer, _ body: (ScoreRecord) -> Void) -> (sent: Int, seconds: Double)? {
        guard raw.count >= headerSize else { return nil }
        let sent = Int(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        let count = Int(raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian)
        let seconds = Double(bitPattern: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian)
        guard raw.count == headerSize + count * ScoreRecord.size else { return nil }
        var offset = headerSize
        for _ in 0..<count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
            let score = Double(bitPattern: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian)
            guard let status = ComparisonStatus(rawValue: UInt8(word >> 56)) else { return nil }
            body(ScoreRecord(index: Int(word & ScoreRecord.indexMask), status: status, score: score))
            offset += ScoreRecord.size
        }
        return (sent, seconds)
    }
}

/// Writes one batch's payload in place: a buffer sized for the whole batch, records stored at their offsets,
/// the header patched at the end.
struct ScoreBatchBuilder {
    private(set) var payload: [UInt8]
    private(set) var count = 0
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        payload = [UInt8](repeating: 0, count: ScoreBatch.headerSize + capacity * ScoreRecord.size)
        reset()
    }

    mutating func reset() {
        count = 0
    }

    @inline(__always)
    mutating func append(index: Int, status: ComparisonStatus, score: Double) {
        precondition(count < capacity, "score batch overflow")
        let offset = ScoreBatch.headerSize + count * ScoreRecord.size
        payload.withUnsafeMutableBytes { raw in
            raw.storeBytes(
                of: (UInt64(index) | (UInt64(status.rawValue) << 56)).littleEndian, toByteOffset: offset,
                as: UInt64.self)
            raw.storeBytes(of: score.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
        }
        count += 1
    }

    mutating func finish(sent: Int, seconds: Double) {
        payload.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(truncatingIfNeeded: sent).littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: seconds.bitPattern.littleEndian, toByteOffset: 8, as: UInt64.self)
        }
    }

    /// The bytes of the finished batch (header and the records appended).
    func withPayload<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        payload.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<(ScoreBatch.headerSize + count * ScoreRecord.size)])) }
    }
}

/// One process's share of a run (a resumed run has several): its wall time, threads and end.
struct SessionRecord: Sendable, Hashable, Codable {
    var wallSeconds: Double
    var jobs: Int
    var endedAt: Date
}

/// The code and message of one failed comparison (rare, so JSON).
struct ComparisonFailureRecord: Sendable, Hashable, Codable {
    var index: Int
    var code: String
    var message: String
}

/// The parameters of a run, journalled first: what `--resume` must match and what `facecert report` needs to
/// rebuild the plan.
public struct RunParameters: Sendable, Hashable, Codable {
    /// The journal format this facecert writes and reads.
    public static let schemaIdentifier = "facecert.journal/1"

    /// The journal format of this record.
    public var schema: String = RunParameters.schemaIdentifier
    /// The facecert version that started the run.
    public var facecertVersion: String
    /// The suite's id.
    public var suiteID: String
    /// The suite's version.
    public var suiteVersion: String
    /// The suite digest (SHA-256 hex over the manifest and every image).
    public var suiteDigest: String
    /// Where the suite was loaded from, so `facecert report` can re-read its manifest.
    public var suitePath: String?
    /// The separate image root, if any.
    public var imagesPath: String?
    /// The profile's id.
    public var profileID: String
    /// The profile's version.
    public var profileVersion: String
    /// The matcher as the report names it (spec, identity, declared threshold, file hash).
    public var matcher: ConformanceReport.MatcherInfo
    /// The seed of every shuffle.
    public var seed: UInt64
    /// The caller's threshold (`--threshold`), nil when it is chosen from the matcher or the profile.
    public var threshold: Double?
    /// The suite's image count.
    public var imageCount: Int
    /// The suite's comparison count.
    public var comparisonCount: Int
    /// When the run was first started.
    public var startedAt: Date

    /// Creates the parameters; see the properties of the same names.
    public init(
        facecertVersion: String, suiteID: String, suiteVersion: String, suiteDigest: String, suitePath: String?,
        imagesPath: String?, profileID: String, profileVersion: String, matcher: ConformanceReport.MatcherInfo,
        seed: UInt64, threshold: Double?, imageCount: Int, comparisonCount: Int, startedAt: Date
    ) {
        self.facecertVersion = facecertVersion
        self.suiteID = suiteID
        self.suiteVersion = suiteVersion
        self.suiteDigest = suiteDigest
        self.suitePath = suitePath
        self.imagesPath = imagesPath
        self.profileID = profileID
        self.profileVersion = profileVersion
        self.matcher = matcher
        self.seed = seed
        self.threshold = threshold
        self.imageCount = imageCount
        self.comparisonCount = comparisonCount
        self.startedAt = startedAt
    }

    /// The differences that forbid resuming a journal with these parameters, one line each (empty: compatible).
    ///
    /// Paths, the facecert version and the start time may differ; whatever decides the numbers may not.
    public func mismatches(resuming journal: RunParameters) -> [String] {
        var lines: [String] = []
        func check<T: Equatable>(_ name: String, _ mine: T, _ theirs: T, _ show: (T) -> String) {
            if mine != theirs { lines.append("\(name): the journal has \(show(theirs)), this run has \(show(mine))") }
        }
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "none" }
        check("suite", "\(suiteID)@\(suiteVersion)", "\(journal.suiteID)@\(journal.suiteVersion)") { $0 }
        check("suite digest", suiteDigest, journal.suiteDigest) { $0 }
        check("profile", "\(profileID)@\(profileVersion)", "\(journal.profileID)@\(journal.profileVersion)") { $0 }
        check("matcher", matcher.spec, journal.matcher.spec) { $0 }
        check(
            "matcher identity", "\(matcher.name) \(matcher.version) (\(matcher.vendor))",
            "\(journal.matcher.name) \(journal.matcher.version) (\(journal.matcher.vendor))"
        ) { $0 }
        check("matcher file SHA-256", matcher.fileSHA256, journal.matcher.fileSHA256) { $0 ?? "none" }
        check("score kind", matcher.scoreKind, journal.matcher.scoreKind) { $0.rawValue }
        // Journals of earlier versions (nil) never passed eye positions.
        check(
            "eye positions given to the matcher", matcher.eyePositionsProvided ?? false,
            journal.matcher.eyePositionsProvided ?? false
        ) { $0 ? "yes" : "no" }
        check("declared threshold", matcher.declaredThreshold, journal.matcher.declaredThreshold, number)
        check("seed", seed, journal.seed) { String($0) }
        check("threshold", threshold, journal.threshold, number)
        check("images", imageCount, journal.imageCount) { String($0) }
        check("comparisons", comparisonCount, journal.comparisonCount) { String($0) }
        return lines
    }
}
