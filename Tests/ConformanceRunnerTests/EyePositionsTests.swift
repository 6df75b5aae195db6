import ConformanceRunner
import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// An ``EyeAnnotatedFaceMatcher`` that behaves as ``FakeMatcher`` and records, per image number (pixel 1), which
/// requirement was called and with which eyes.
struct EyeAwareFakeMatcher: EyeAnnotatedFaceMatcher {
    var base = FakeMatcher()
    let calls = EyeCallLog()
    var identity: MatcherIdentity { base.identity }

    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        calls.record(image: Int(image.pixels[1]), eyes: nil, annotated: false)
        return try base.createTemplate(from: image, role: role)
    }

    func createTemplate(from image: FaceImage, role: TemplateRole, eyes: EyePositions?) throws(MatcherError)
        -> CreatedTemplate
    {
        calls.record(image: Int(image.pixels[1]), eyes: eyes, annotated: true)
        return try base.createTemplate(from: image, role: role)
    }

    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try base.compare(verification: verification, enrolment: enrolment)
    }
}

final class EyeCallLog: @unchecked Sendable {
    struct Call: Hashable {
        var image: Int
        var eyes: EyePositions?
        var annotated: Bool
    }
    private let lock = NSLock()
    private var list: [Call] = []
    var calls: [Call] { lock.withLock { list } }
    func record(image: Int, eyes: EyePositions?, annotated: Bool) {
        lock.withLock { list.append(Call(image: image, eyes: eyes, annotated: annotated)) }
    }
}

/// Which matchers are given the suite's eye positions, and how the report and the journal record it.
struct EyePositionsTests {
    /// Eyes for every image whose number is even, none for the odd ones.
    static func eyes(_ image: Int) -> EyePositions? {
        guard image.isMultiple(of: 2) else { return nil }
        return EyePositions(
            left: ImagePoint(x: 1 + Double(image) / 100, y: 1.5), right: ImagePoint(x: 3 - Double(image) / 100, y: 1.5))
    }

    static let plan = PlanFixture.plan(subjects: 4, perSubject: 3, eyes: EyePositionsTests.eyes)

    @Test(arguments: [false, true])
    func eyeAwareMatcherGetsEachImagesAnnotationOrNil(wrappedInAdapter: Bool) throws {
        let matcher = EyeAwareFakeMatcher()
        let tested: any FaceMatcher = wrappedInAdapter ? try InProcessMatcher(matcher) : matcher
        let report = try ConformanceRunner(
            plan: Self.plan, matcher: tested, options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        let calls = matcher.calls.calls
        #expect(calls.count == 12 * 2, "every image in both roles")
        for call in calls {
            #expect(call.annotated, "image \(call.image) went through createTemplate(from:role:eyes:)")
            #expect(call.eyes == Self.eyes(call.image), "image \(call.image)")
        }
        #expect(calls.contains { $0.eyes == nil } && calls.contains { $0.eyes != nil })
        #expect(report.matcher.eyePositionsProvided == true)
    }

    @Test func declinedEyePositionsGiveEveryImagePixelsOnly() throws {
        let matcher = EyeAwareFakeMatcher()
        let report = try ConformanceRunner(
            plan: Self.plan, matcher: try InProcessMatcher(matcher),
            options: PlanFixture.options(PlanFixture.temporaryFolder(), provideEyePositions: false)
        ).run()
        #expect(matcher.calls.calls.count == 12 * 2)
        #expect(matcher.calls.calls.allSatisfy { !$0.annotated })
        #expect(report.matcher.eyePositionsProvided == false)
    }

    @Test func suiteWithoutAnnotationsGivesNone() throws {
        let matcher = EyeAwareFakeMatcher()
        let report = try ConformanceRunner(
            plan: PlanFixture.plan(subjects: 4, perSubject: 3), matcher: matcher,
            options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(matcher.calls.calls.allSatisfy { !$0.annotated })
        #expect(report.matcher.eyePositionsProvided == false)
    }

    @Test func matcherWithoutTheCapabilityIsUnaffectedByAnnotations() throws {
        let annotated = try ConformanceRunner(
            plan: Self.plan, matcher: try InProcessMatcher(FakeMatcher()),
            options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        let plain = try ConformanceRunner(
            plan: PlanFixture.plan(subjects: 4, perSubject: 3), matcher: try InProcessMatcher(FakeMatcher()),
            options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(annotated.matcher.eyePositionsProvided == false)
        #expect(annotated.withoutTimes == plain.withoutTimes)
    }

    @Test func adapterAcceptsEyePositionsExactlyWhenTheWrappedMatcherDoes() throws {
        #expect(try InProcessMatcher(EyeAwareFakeMatcher()).acceptsEyePositions)
        #expect(try InProcessMatcher(EyeAwareFakeMatcher()).eyeAnnotated != nil)
        #expect(try !InProcessMatcher(FakeMatcher()).acceptsEyePositions)
        #expect(try InProcessMatcher(FakeMatcher()).eyeAnnotated == nil)
    }

    @Test func resumeRefusesAnotherEyePositionChoice() throws {
        let folder = PlanFixture.temporaryFolder()
        _ = try ConformanceRunner(plan: Self.plan, matcher: EyeAwareFakeMatcher(), options: PlanFixture.options(folder))
            .run()
        let mismatch = #expect(throws: RunError.self) {
            try ConformanceRunner(
                plan: Self.plan, matcher: EyeAwareFakeMatcher(),
                options: PlanFixture.options(folder, resume: true, provideEyePositions: false)
            ).run()
        }
        #expect(mismatch?.code == .journalMismatch)
        #expect(
            mismatch?.message.contains("eye positions given to the matcher: the journal has yes, this run has no")
                == true, "\(mismatch?.message ?? "")")
        // The same choice resumes.
        let resumed = try ConformanceRunner(
            plan: Self.plan, matcher: EyeAwareFakeMatcher(), options: PlanFixture.options(folder, resume: true)
        ).run()
        #expect(resumed.matcher.eyePositionsProvided == true)
    }
}
