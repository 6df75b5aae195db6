import BiometricMetrics
import ConformanceRunner
import ConformanceVectors
import FaceImaging
import Foundation
import MatcherPlugins

/// A deterministic in-process matcher for runner tests.
///
/// Images are 4×4 gray: pixel 0 is the subject, pixel 1 the image number; pixel 0 = 255 is "no face" (refused),
/// 254 makes the template call crash. The template is the two pixels and the role; the similarity is high for
/// equal subjects plus a deterministic jitter from both templates, so mated and non-mated scores overlap a little.
struct FakeMatcher: FaceMatcher {
    var identity = MatcherIdentity(name: "fake", version: "1", vendor: "tests", scoreKind: .similarity)
    /// Calls seen, for assertions (templates created, pairs compared).
    let log = CallLog()
    /// Return NaN for comparisons whose verification image number is this.
    var nanForImageNumber: UInt8?
    /// Cancel this after this many compare batches.
    var cancelAfterBatches: (RunCancellation, Int)?

    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        log.record(template: image.pixels)
        if image.pixels[0] == 255 { throw MatcherError(.refuseInput, "no face") }
        if image.pixels[0] == 254 { throw MatcherError(.crash, "the plugin died") }
        return CreatedTemplate(template: Template(bytes: [image.pixels[0], image.pixels[1], role == .enrolment ? 0 : 1]))
    }

    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        if verification.bytes[2] != 1 || enrolment.bytes[2] != 0 {
            throw MatcherError(.templateFormatError, "roles swapped")
        }
        if let nanForImageNumber, verification.bytes[1] == nanForImageNumber { return .nan }
        let same = verification.bytes[0] == enrolment.bytes[0]
        var mix = SeededGenerator(seed: UInt64(verification.bytes[1]) << 8 | UInt64(enrolment.bytes[1]))
        let jitter = Double(mix.next() % 1000) / 1000
        return (same ? 0.6 : 0.0) + jitter * 0.5
    }

    func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>] {
        let batches = log.record(pairs: pairs)
        if let (cancellation, limit) = cancelAfterBatches, batches >= limit { cancellation.cancel() }
        return pairs.map { pair in
            Result { () throws(MatcherError) in try compare(verification: pair.verification, enrolment: pair.enrolment) }
        }
    }
}

final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var templates: [[UInt8]] = []
    private var compared: [TemplatePair] = []
    private var batchCount = 0

    var templatePixels: [[UInt8]] { lock.withLock { templates } }
    var pairs: [TemplatePair] { lock.withLock { compared } }
    var batches: Int { lock.withLock { batchCount } }

    func record(template pixels: [UInt8]) {
        lock.withLock { templates.append(pixels) }
    }

    func record(pairs newPairs: [TemplatePair]) -> Int {
        lock.withLock {
            compared.append(contentsOf: newPairs)
            batchCount += 1
            return batchCount
        }
    }
}

/// An in-memory plan: `subjects` × `perSubject` images compared all against all (ordered pairs), plus extra
/// images with given first pixels and expectations (those expected to enrol join the comparisons).
enum PlanFixture {
    static func plan(
        subjects: Int = 6, perSubject: Int = 3, extra: [(pixel0: UInt8, expected: ExpectedOutcome)] = [],
        requirements: [PlanRequirement] = [], targetFMR: Double? = nil,
        minimums: MinimumSampleSizes = MinimumSampleSizes(), timeLimits: TimeLimits = TimeLimits(),
        eyes: (Int) -> EyePositions? = { _ in nil }
    ) -> EvaluationPlan {
        var images: [PlanImage] = []
        var pixels: [[UInt8]] = []
        for subject in 0..<subjects {
            for number in 0..<perSubject {
                images.append(
                    PlanImage(
                        id: "s\(subject)-\(number)", subject: subject,
                        captureRole: number == 0 ? .enrolment : .verification, expected: .enrol,
                        eyes: eyes(images.count)))
                var image = [UInt8](repeating: 128, count: 16)
                image[0] = UInt8(subject)
                image[1] = UInt8(images.count - 1)
                pixels.append(image)
            }
        }
        for (offset, item) in extra.enumerated() {
            images.append(
                PlanImage(
                    id: "extra-\(offset)", subject: subjects + offset, captureRole: .enrolment,
                    expected: item.expected, eyes: eyes(images.count)))
            var image = [UInt8](repeating: 0, count: 16)
            image[0] = item.pixel0
            image[1] = UInt8(images.count - 1)
            pixels.append(image)
        }
        var comparisons: [Comparison] = []
        let compared = images.indices.filter { images[$0].expected == .enrol }
        for v in compared {
            for e in compared where e != v {
                comparisons.append(
                    Comparison(verification: v, enrolment: e, mated: images[v].subject == images[e].subject))
            }
        }
        let table = pixels
        return EvaluationPlan(
            suite: .init(
                id: "test-suite", version: "1.0.0", title: "in-memory", status: "published", digest: "00ff",
                subjects: subjects + extra.count, images: images.count),
            profile: .init(id: "test-profile", version: "1", title: "test", status: "final", source: "tests"),
            images: images, subjectCount: subjects + extra.count, comparisons: ExplicitComparisons(comparisons),
            requirements: requirements, targetFMR: targetFMR, minimums: minimums, timeLimits: timeLimits,
            imageLoader: { index throws(ImageLoadError) in
                do {
                    return try FaceImage(width: 4, height: 4, format: .gray8, pixels: table[index])
                } catch {
                    throw ImageLoadError(imageIndex: index, message: "\(error)")
                }
            })
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("facecert-runner-tests-\(safe)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func options(
        _ folder: String, seed: UInt64 = 42, jobs: Int = 2, batchSize: Int = 16, resume: Bool = false,
        threshold: Double? = nil, provideEyePositions: Bool = true
    ) -> RunOptions {
        RunOptions(
            outputDirectory: folder, matcherSpec: "fake", threshold: threshold, seed: seed, jobs: jobs,
            batchSize: batchSize, resume: resume, facecertVersion: "test", provideEyePositions: provideEyePositions)
    }
}

extension ConformanceReport {
    /// The report without what legitimately differs between two runs of the same work (times).
    var withoutTimes: ConformanceReport {
        var copy = self
        copy.startedAt = Date(timeIntervalSince1970: 0)
        copy.endedAt = Date(timeIntervalSince1970: 0)
        copy.timing = TimingSummary(templateCreation: nil, comparison: nil, wallSeconds: 0, jobs: 0)
        return copy
    }
}
