import Benchmark
import FaceImaging
import MatcherPlugins
import ReferenceMatchers
import SyntheticFaces

/// Inputs: synthetic faces (self-contained, no ../shared): 160 × 192 gray with eye positions, like the bundled
/// suite, and 92 × 112 gray (the ORL size) for the centred-crop path.
private struct Inputs: Sendable {
    let faces: [SyntheticFaceGenerator.Face]
    let orlSized: [FaceImage]
    let templates: [Template]
    let matcher: LBPHMatcher

    init() throws {
        let generator = try SyntheticFaceGenerator(seed: 42)
        faces = (0..<16).map { generator.face(subject: $0, index: 0) }
        let small = try SyntheticFaceGenerator(seed: 42, width: 92, height: 112)
        orlSized = (0..<16).map { small.face(subject: $0, index: 0).image }
        matcher = try LBPHMatcher()
        let matcher = self.matcher
        templates = try faces.map { try matcher.createTemplate(from: $0.image, role: .enrolment, eyes: $0.eyes).template }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3), maxIterations: 1_000_000)
    guard let inputs = try? Inputs() else {
        fatalError("could not build the benchmark inputs")
    }

    // Throughput is templates per second (one template per iteration).
    Benchmark("LBPH createTemplate, 160x192 gray, eyes given") { benchmark in
        for i in benchmark.scaledIterations {
            let face = inputs.faces[i % inputs.faces.count]
            blackHole(try inputs.matcher.createTemplate(from: face.image, role: .enrolment, eyes: face.eyes))
        }
    }

    Benchmark("LBPH createTemplate, 92x112 gray, centred crop") { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(try inputs.matcher.createTemplate(from: inputs.orlSized[i % inputs.orlSized.count], role: .enrolment))
        }
    }

    // Throughput is comparisons per second (one comparison per iteration, scaled by 1,000).
    Benchmark("LBPH compare", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let templates = inputs.templates
        for i in benchmark.scaledIterations {
            let a = templates[i % templates.count], b = templates[(i / templates.count + i + 1) % templates.count]
            blackHole(try inputs.matcher.compare(verification: a, enrolment: b))
        }
    }

    // Throughput is synthetic face images per second (render + gray conversion, no PNG).
    Benchmark("SyntheticFaces render 160x192") { benchmark in
        let generator = try SyntheticFaceGenerator(seed: 1)
        for i in benchmark.scaledIterations {
            blackHole(generator.face(subject: i % 30, index: i % 4))
        }
    }
}
