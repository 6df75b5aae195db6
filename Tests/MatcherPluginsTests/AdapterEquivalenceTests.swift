import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// The tiny matcher in Swift, C and Python, through every adapter, gives identical templates and scores.
struct AdapterEquivalenceTests {
    /// Every way of running the tiny matcher.
    static func specs() throws -> [String] {
        let library = try PluginFixtures.library()
        return [
            "tiny", "lib-inprocess:\(library)", "lib:\(library)",
            try PluginFixtures.pythonSpec("plugins/python/examples/tiny_matcher.py"),
        ]
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled && PluginFixtures.pythonTestsEnabled))
    func tinyMatcherGivesIdenticalScoresThroughEveryAdapter() throws {
        var faces = try PluginFixtures.orlFaces(subjects: 3)
        faces.append(try PluginFixtures.noiseImage(width: 37, height: 23, format: .rgb8, seed: 7))
        let reference = TinyMatcher()
        let expectedTemplates = try faces.map { try reference.createTemplate(from: $0, role: .enrolment).template }
        var pairs: [TemplatePair] = []
        for v in expectedTemplates { for e in expectedTemplates { pairs.append(TemplatePair(verification: v, enrolment: e)) } }
        let expectedScores = try pairs.map { try reference.compare(verification: $0.verification, enrolment: $0.enrolment) }
        #expect(Set(expectedScores).count > 10, "the reference scores must vary for the comparison to mean anything")

        for spec in try Self.specs() {
            let matcher = try PluginFixtures.factory().make(spec)
            defer { matcher.close() }
            #expect(matcher.identity == reference.identity, "\(spec)")
            for (index, face) in faces.enumerated() {
                for role in TemplateRole.allCases {
                    let created = try matcher.createTemplate(from: face, role: role)
                    #expect(created.template == expectedTemplates[index], "\(spec): template \(index) \(role)")
                }
            }
            let scores = matcher.compare(pairs).map { try? $0.get() }
            #expect(scores == expectedScores.map { Optional($0) }, "\(spec): batched scores")
            let single = try matcher.compare(verification: pairs[1].verification, enrolment: pairs[1].enrolment)
            #expect(single == expectedScores[1], "\(spec): single comparison")
            #expect(matcher.faults.isEmpty, "\(spec): \(matcher.faults)")
        }
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func refusalsAndTemplateFormatErrorsCrossEveryAdapterWithTheirCodes() throws {
        let tiny = try PluginFixtures.noiseImage(width: 4, height: 4, format: .gray8, seed: 1)
        for spec in try Self.specs() {
            let matcher = try PluginFixtures.factory().make(spec)
            defer { matcher.close() }
            let refusal = Result { () throws(MatcherError) in try matcher.createTemplate(from: tiny, role: .verification) }
            guard case .failure(let refused) = refusal else {
                Issue.record("\(spec): a 4x4 image was not refused")
                continue
            }
            #expect(refused.code == .refuseInput, "\(spec): \(refused)")
            let results = matcher.compare([TemplatePair(verification: Template(bytes: [1, 2]), enrolment: Template(bytes: []))])
            guard case .failure(let error) = results.first else {
                Issue.record("\(spec): a 2-byte template was compared without error")
                continue
            }
            #expect(error.code == .templateFormatError, "\(spec): \(error)")
            #expect(matcher.faults.isEmpty, "refusals are not faults: \(matcher.faults)")
        }
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func concurrentCallsFromManyThreadsThroughAChildProcessPoolGiveTheSameScores() throws {
        let faces = try PluginFixtures.orlFaces(subjects: 4)
        let matcher = try PluginFixtures.factory(workers: 3).make("lib:\(try PluginFixtures.library())")
        defer { matcher.close() }
        let reference = TinyMatcher()
        let expected = try faces.map { try reference.createTemplate(from: $0, role: .enrolment).template }
        let results = ConcurrentResults(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let face = faces[index % faces.count]
            results.set(index, try? matcher.createTemplate(from: face, role: .enrolment).template)
        }
        for index in 0..<64 { #expect(results.get(index) == expected[index % faces.count], "call \(index)") }
        #expect(matcher.faults.isEmpty)
    }
}

extension AdapterEquivalenceTests {
    @Test func closingWhileCallsRunWaitsForThemAndLaterCallsFailAsClosed() throws {
        let library = try PluginFixtures.library()
        for spec in ["lib:\(library)", "lib-inprocess:\(library)"] {
            let matcher = try PluginFixtures.factory(workers: 2).make(spec)
            let image = try PluginFixtures.noiseImage(width: 640, height: 480, format: .rgb8, seed: 5)
            let expected = try TinyMatcher().createTemplate(from: image, role: .enrolment).template
            let results = ConcurrentResults(count: 16)
            DispatchQueue.concurrentPerform(iterations: 17) { index in
                if index == 16 {
                    matcher.close()
                } else {
                    results.set(index, try? matcher.createTemplate(from: image, role: .enrolment).template)
                }
            }
            for index in 0..<16 {
                let result = results.get(index)
                #expect(result == nil || result == expected, "\(spec): call \(index) gave a wrong template")
            }
            #expect(
                (0..<16).contains { results.get($0) != nil },
                "\(spec): no call completed before close(), so nothing above was compared")
            let after = Result { () throws(MatcherError) in try matcher.createTemplate(from: image, role: .enrolment) }
            guard case .failure(let error) = after else {
                Issue.record("\(spec): a call after close() succeeded")
                continue
            }
            #expect(error.code == .crash, "\(spec): \(error)")
        }
    }
}

final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Template?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Template?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> Template? { lock.withLock { values[index] } }
}
