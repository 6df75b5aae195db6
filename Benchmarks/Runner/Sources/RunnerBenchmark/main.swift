import BiometricMetrics
import ConformanceRunner
import ConformanceVectors
import FaceImaging
import Foundation
import MatcherPlugins

// Harness overhead: how many comparisons per second the runner pushes through a matcher that does nothing,
// with the journal (checksummed 16-byte records, buffered writes, fsync each second) and the shuffled order
// included. Target: ≥ 2 million comparisons/s on 2 cores.
//
// Usage: swift run -c release RunnerBenchmark [images] [jobs] [batch]

/// Every ordered pair of distinct images, computed from the index (as a declared suite protocol is).
struct AllOrderedPairs: ComparisonSource {
    let images: Int
    let perSubject: Int
    var count: Int { images * (images - 1) }
    func comparison(at index: Int) -> Comparison {
        let verification = index / (images - 1)
        var enrolment = index % (images - 1)
        if enrolment >= verification { enrolment += 1 }
        return Comparison(
            verification: verification, enrolment: enrolment,
            mated: verification / perSubject == enrolment / perSubject)
    }
}

/// One-byte templates, score 0 for every pair: the matcher costs nothing, so the time is the harness's.
struct NoOp: FaceMatcher {
    let identity = MatcherIdentity(name: "noop", version: "1", vendor: "benchmark", scoreKind: .similarity)
    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        CreatedTemplate(template: Template(bytes: [image.pixels[0]]))
    }
    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double { 0 }
    func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>] {
        [Result<Double, MatcherError>](repeating: .success(0), count: pairs.count)
    }
}

final class PhaseTimes: RunProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private var ended: [RunProgress] = []
    func update(_ progress: RunProgress) {}
    func phaseEnded(_ progress: RunProgress) { lock.withLock { ended.append(progress) } }
    var phases: [RunProgress] { lock.withLock { ended } }
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let imageCount = arguments.count > 0 ? arguments[0] : 3163  // ≈ 10^7 ordered pairs
let jobs = arguments.count > 1 ? arguments[1] : ProcessInfo.processInfo.activeProcessorCount
let batch = arguments.count > 2 ? arguments[2] : 4096
let perSubject = 4
let images = (0..<imageCount).map {
    PlanImage(id: "i\($0)", subject: $0 / perSubject, captureRole: .enrolment, expected: .enrol)
}
let pixel = try FaceImage(width: 1, height: 1, format: .gray8, pixels: [7])
let plan = EvaluationPlan(
    suite: .init(
        id: "benchmark", version: "1.0.0", title: "benchmark", status: "published", digest: "00",
        subjects: (imageCount + perSubject - 1) / perSubject, images: imageCount),
    profile: .init(id: "benchmark", version: "1.0.0", title: "benchmark", status: "final", source: "benchmark"),
    images: images, subjectCount: (imageCount + perSubject - 1) / perSubject,
    comparisons: AllOrderedPairs(images: imageCount, perSubject: perSubject), requirements: [],
    imageLoader: { _ throws(ImageLoadError) in pixel })
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facecert-runner-benchmark-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: folder) }

let times = PhaseTimes()
let runner = ConformanceRunner(
    plan: plan, matcher: NoOp(),
    options: RunOptions(
        outputDirectory: folder.path, matcherSpec: "noop", threshold: 0.5, seed: 1, jobs: jobs, batchSize: batch,
        facecertVersion: "benchmark"),
    progress: times)
let clock = ContinuousClock()
let start = clock.now
let report = try runner.run()
let total = clock.now - start
let comparisons = plan.comparisons.count
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
let journalBytes = (try? FileManager.default.attributesOfItem(atPath: runner.journalPath)[.size] as? Int) ?? 0
print("images \(imageCount), comparisons \(comparisons), jobs \(jobs), batch \(batch)")
for phase in times.phases {
    print(
        String(
            format: "  %@: %d in %.3f s = %.2f million/s", phase.phase.rawValue, phase.doneHere, phase.seconds,
            Double(phase.doneHere) / phase.seconds / 1e6))
}
print(
    String(
        format: "  whole run (checks, templates, comparisons, journal read back, metrics): %.3f s = %.2f million comparisons/s",
        seconds(total), Double(comparisons) / seconds(total) / 1e6))
print("  journal \(journalBytes) bytes (\(String(format: "%.1f", Double(journalBytes) / Double(comparisons))) bytes/comparison)")
print("  scored \(report.counts.matedScored + report.counts.nonMatedScored), complete \(report.complete)")
