import FaceCertTesting
import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// A toy matcher for the helper's tests (not a face recogniser): the cosine of two mean-removed 8 × 8 gray rasters,
/// like Examples/VendorMatcher's. Images without contrast are refused unless `refusesBlank` is false, in which case
/// they get a fixed template.
struct RasterCosineMatcher: FaceMatcher {
    var identity = MatcherIdentity(
        name: "raster-cosine", version: "1.0.0", vendor: "facecert tests", scoreKind: .similarity,
        declaredThreshold: 0.5, symmetric: true)
    var refusesBlank = true

    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        var cells = Raster.cells(image, grid: 8)
        let mean = cells.reduce(0, +) / Double(cells.count)
        cells = cells.map { $0 - mean }
        let length = cells.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if length < 1e-6 {
            if refusesBlank { throw MatcherError(.refuseInput, "the image has no contrast") }
            cells = [Double](repeating: 0.125, count: 64)
        } else {
            cells = cells.map { $0 / length }
        }
        return CreatedTemplate(template: Raster.template(cells))
    }

    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        let (a, b) = (Raster.values(verification), Raster.values(enrolment))
        return min(1, max(-1, zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }))
    }
}

/// A deliberately bad matcher: it compares only the mean brightness of the two images, so it cannot tell the
/// subjects of a pattern suite apart.
struct BrightnessMatcher: FaceMatcher {
    let identity = MatcherIdentity(
        name: "brightness", version: "0.1.0", vendor: "facecert tests", scoreKind: .similarity, declaredThreshold: 0.97)

    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        let cells = Raster.cells(image, grid: 1)
        return CreatedTemplate(template: Raster.template(cells))
    }

    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        1 - abs(Raster.values(verification)[0] - Raster.values(enrolment)[0]) / 255
    }
}

/// A matcher whose templates change from call to call (a counter in the bytes): not deterministic.
final class DriftingMatcher: FaceMatcher, @unchecked Sendable {
    let identity = MatcherIdentity(name: "drifting", version: "1.0.0", vendor: "facecert tests", scoreKind: .similarity)
    private let lock = NSLock()
    private var calls = 0
    private let inner = RasterCosineMatcher()

    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        var created = try inner.createTemplate(from: image, role: role)
        let call = lock.withLock {
            calls += 1
            return calls
        }
        created.template.bytes.append(UInt8(truncatingIfNeeded: call))
        return created
    }

    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try inner.compare(
            verification: Template(bytes: Array(verification.bytes.dropLast())),
            enrolment: Template(bytes: Array(enrolment.bytes.dropLast())))
    }
}

enum Raster {
    /// The mean gray level of each cell of a `grid` × `grid` raster, row by row.
    static func cells(_ image: FaceImage, grid: Int) -> [Double] {
        let gray = image.format == .gray8 ? image : image.converted(to: .gray8)
        let (w, h) = (gray.width, gray.height)
        var cells = [Double](repeating: 0, count: grid * grid)
        for gy in 0..<grid {
            for gx in 0..<grid {
                let (x0, x1, y0, y1) = (gx * w / grid, (gx + 1) * w / grid, gy * h / grid, (gy + 1) * h / grid)
                var sum = 0
                for y in y0..<y1 {
                    for x in x0..<x1 { sum += Int(gray.pixels[y * w + x]) }
                }
                cells[gy * grid + gx] = Double(sum) / Double(max(1, (x1 - x0) * (y1 - y0)))
            }
        }
        return cells
    }

    static func template(_ values: [Double]) -> Template {
        Template(bytes: values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) })
    }

    static func values(_ template: Template) -> [Double] {
        stride(from: 0, to: template.bytes.count - 7, by: 8).map { offset in
            var bits: UInt64 = 0
            for byte in 0..<8 { bits |= UInt64(template.bytes[offset + byte]) << UInt64(8 * byte) }
            return Double(bitPattern: UInt64(littleEndian: bits))
        }
    }
}

/// Fresh folders under the temporary directory.
enum Scratch {
    static func folder(_ name: String = #function) -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        return FileManager.default.temporaryDirectory.appendingPathComponent(
            "facecert-testing-tests-\(safe)-\(UUID().uuidString)", isDirectory: true)
    }

    /// A vendor-style release gate: FNMR at the threshold reaching FMR = 1 % must be at most 20 % ("shall"), with
    /// the demo profile's minimum sample sizes. Written as `SPECS/test-release-gate/1.0.0.json` in a fresh folder;
    /// returns `SPECS`.
    static func gateSpecs(_ name: String = #function) throws -> URL {
        let specs = folder(name)
        let folder = specs.appendingPathComponent("test-release-gate", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("1.0.0.json")
        try Data(
            #"""
            {
              "schema": "facecert.profile/1", "id": "test-release-gate", "version": "1.0.0", "status": "draft",
              "title": "A vendor's release gate (tests)", "source": { "document": "FaceCertTestingTests" },
              "provenance": "Test fixture.",
              "requirements": [
                { "id": "fnmr-at-fmr-1e-2", "metric": "FNMR", "limit": 0.2, "limitInclusive": true,
                  "operatingPoint": { "kind": "fmrTarget", "fmr": 0.01 }, "confidence": 0.95, "level": "shall",
                  "statement": "FNMR shall be at most 20 % where the FMR on the suite reaches 1 %." }
              ],
              "minimumSampleSizes": { "subjects": 20, "matedComparisons": 14, "nonMatedComparisons": 300 }
            }
            """#.utf8
        ).write(to: file)
        return specs
    }

    /// A pattern suite (20 subjects × 3 images, plus `blankImages`) in a fresh folder.
    static func suite(blankImages: Int = 0, _ name: String = #function) throws -> URL {
        try PatternSuite.build(at: folder(name), blankImages: blankImages)
    }
}

/// What a known-issue matcher saw (it runs in a `@Sendable` closure, so it cannot write a local variable).
final class SeenIssues: @unchecked Sendable {
    private let lock = NSLock()
    private var comments: [String] = []
    private var severities: [Issue.Severity] = []

    var messages: [String] { lock.withLock { comments } }
    var levels: [Issue.Severity] { lock.withLock { severities } }

    /// Records the issue and returns true (every issue is expected).
    func see(_ issue: Issue) -> Bool {
        lock.withLock {
            comments.append(contentsOf: issue.comments.map(\.rawValue))
            severities.append(issue.severity)
        }
        return true
    }
}

/// Cancels a task from inside the matcher: the first template call waits until the test has handed over the task,
/// then cancels it, so the cancellation lands in the middle of a run.
final class CancellingMatcher: FaceMatcher, @unchecked Sendable {
    let identity = MatcherIdentity(
        name: "cancelling", version: "1.0.0", vendor: "facecert tests", scoreKind: .similarity, declaredThreshold: 0.5)
    private let inner = RasterCosineMatcher()
    private let handedOver = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var task: Task<ConformanceCheck, any Error>?
    private var cancelled = false

    /// Gives the matcher the task to cancel.
    func cancel(_ task: Task<ConformanceCheck, any Error>) {
        lock.withLock { self.task = task }
        handedOver.signal()
    }

    func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        let first = lock.withLock {
            defer { cancelled = true }
            return !cancelled
        }
        if first {
            handedOver.wait()
            lock.withLock { task }?.cancel()
        }
        return try inner.createTemplate(from: image, role: role)
    }

    func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try inner.compare(verification: verification, enrolment: enrolment)
    }
}

extension Scratch {
    /// Removes folders a test made (report folders of helper runs are kept by design; tests clean theirs up).
    static func remove(_ folders: URL...) {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }
}
