import BiometricMetrics
import FaceImaging
import Testing

@testable import MatcherPlugins

/// The encoder and parser agree with docs/plugin-protocol.md byte for byte, and reject what it forbids.
struct WireMessagesTests {
    static func hex(_ text: String) -> [UInt8] {
        text.split(separator: " ").compactMap { UInt8($0, radix: 16) }
    }

    @Test func createTemplateFrameMatchesTheDocumentedExample() throws {
        let image = try FaceImage(width: 2, height: 1, format: .gray8, pixels: [10, 20])
        let frame = WireMessages.createTemplate(requestID: 7, image: image, role: .verification)
        #expect(frame == Self.hex("15 00 00 00 02 07 00 00 00 01 02 00 00 00 01 00 00 00 01 02 00 00 00 0a 14"))
    }

    @Test func documentedRepliesParse() throws {
        let template = Array(Self.hex("0e 00 00 00 82 07 00 00 00 00 03 00 00 00 aa bb cc 00").dropFirst(4))
        let created = try WireMessages.parseTemplateReply(template, requestID: 7, maxTemplateBytes: 100).get()
        #expect(created.template.bytes == [0xaa, 0xbb, 0xcc] && created.eyes == nil && created.quality == nil)
        let compare = Array(
            Self.hex("1a 00 00 00 83 08 00 00 00 01 00 00 00 05 0c 00 00 00 62 61 64 20 74 65 6d 70 6c 61 74 65")
                .dropFirst(4))
        let results = try WireMessages.parseCompareReply(compare, requestID: 8, count: 1)
        guard case .failure(let error) = results[0] else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .templateFormatError && error.message == "bad template")
    }

    static func helloReply(kind: UInt8 = 0, name: String = "n", threshold: Double = 0.5, version: UInt32 = 1) -> [UInt8] {
        Array(
            WireWriter.frame(.helloReply, requestID: 0) { writer in
                writer.bytes += Array("FCMP".utf8)
                writer.u32(version)
                writer.string(name)
                writer.string("1.0")
                writer.string("v")
                writer.u8(kind)
                writer.u8(1)
                writer.f64(threshold)
                writer.u8(1)
            }.dropFirst(4))
    }

    @Test func helloReplyGivesTheIdentity() throws {
        let identity = try WireMessages.parseHelloReply(Self.helloReply(kind: 1), requestID: 0)
        #expect(identity == MatcherIdentity(name: "n", version: "1.0", vendor: "v", scoreKind: .distance, declaredThreshold: 0.5, symmetric: true))
    }

    @Test(arguments: [
        (helloReply(kind: 2), "score kind"), (helloReply(name: ""), "must not be empty"),
        (helloReply(threshold: .nan), "finite"), (helloReply(version: 2), "version 2"),
        (Array(helloReply().dropLast()), "frame ends"), (helloReply() + [0], "unexpected bytes"),
    ])
    func badHelloRepliesAreViolationsSayingWhy(frame: [UInt8], fragment: String) {
        do {
            _ = try WireMessages.parseHelloReply(frame, requestID: 0)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func repliesWithTheWrongIdKindCountOrStatusAreViolations() {
        let reply = Array(WireWriter.frame(.compareReply, requestID: 3) { $0.u32(1); $0.u8(0); $0.f64(1) }.dropFirst(4))
        #expect(throws: WireViolation.self) { try WireMessages.parseCompareReply(reply, requestID: 4, count: 1) }
        #expect(throws: WireViolation.self) { try WireMessages.parseCompareReply(reply, requestID: 3, count: 2) }
        #expect(throws: WireViolation.self) { try WireMessages.parseTemplateReply(reply, requestID: 3, maxTemplateBytes: 9) }
        let unknownStatus = Array(WireWriter.frame(.compareReply, requestID: 3) { $0.u32(1); $0.u8(9); $0.string("x") }.dropFirst(4))
        #expect(throws: WireViolation.self) { try WireMessages.parseCompareReply(unknownStatus, requestID: 3, count: 1) }
        let oversized = Array(WireWriter.frame(.templateReply, requestID: 1) { $0.u8(0); $0.data([1, 2, 3]); $0.u8(0) }.dropFirst(4))
        #expect(throws: WireViolation.self) { try WireMessages.parseTemplateReply(oversized, requestID: 1, maxTemplateBytes: 2) }
        let badQuality = Array(WireWriter.frame(.templateReply, requestID: 1) { $0.u8(0); $0.data([1]); $0.u8(2); $0.f64(101) }.dropFirst(4))
        #expect(throws: WireViolation.self) { try WireMessages.parseTemplateReply(badQuality, requestID: 1, maxTemplateBytes: 2) }
    }

    @Test(arguments: [
        (Double.nan, ScoreKind.similarity, "NaN"), (.infinity, .similarity, "+infinity"), (-.infinity, .distance, "-infinity"),
        (-0.5, .distance, "negative"),
    ])
    func invalidScoresAreNamed(score: Double, kind: ScoreKind, fragment: String) {
        #expect(ScoreRules.violation(score, kind: kind)?.contains(fragment) == true)
    }

    @Test func validScoresPass() {
        #expect(ScoreRules.violation(-3, kind: .similarity) == nil)
        #expect(ScoreRules.violation(0, kind: .distance) == nil)
    }
}
