import BiometricMetrics
import FaceImaging

/// A tiny deterministic matcher for tests, benchmarks and as the reference of the plugin examples — not a face
/// matcher.
///
/// Template: 64 bytes, the mean byte value (all channels) of each cell of an 8 × 8 grid over the image; cell
/// `(gx, gy)` spans `x ∈ [gx·w/8, (gx+1)·w/8)`, `y ∈ [gy·h/8, (gy+1)·h/8)`, integer division throughout.
/// Images smaller than 8 × 8 are refused (`.refuseInput`). Score: similarity `1 − Σ|aᵢ − bᵢ| / (64 · 255)`,
/// symmetric, declared threshold 0.9. The C (`plugins/c/examples/tiny_matcher.c`) and Python
/// (`plugins/python/examples/tiny_matcher.py`) examples compute exactly the same templates and scores.
public struct TinyMatcher: FaceMatcher {
    /// The grid side.
    public static let grid = 8
    /// The template length in bytes.
    public static let templateLength = grid * grid

    public let identity = MatcherIdentity(
        name: "tiny", version: "1.0.0", vendor: "facecert", scoreKind: .similarity, declaredThreshold: 0.9,
        symmetric: true)

    public init() {}

    /// - Complexity: O(pixels).
    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        let (w, h, c) = (image.width, image.height, image.format.channels)
        let grid = Self.grid
        guard w >= grid, h >= grid else {
            throw MatcherError(.refuseInput, "image \(w)x\(h) is smaller than 8x8")
        }
        var bytes = [UInt8](repeating: 0, count: Self.templateLength)
        image.pixels.withUnsafeBufferPointer { pixels in
            for gy in 0..<grid {
                let (y0, y1) = (gy * h / grid, (gy + 1) * h / grid)
                for gx in 0..<grid {
                    let (x0, x1) = (gx * w / grid, (gx + 1) * w / grid)
                    var sum = 0
                    for y in y0..<y1 {
                        let start = (y * w + x0) * c
                        for index in start..<(start + (x1 - x0) * c) { sum &+= Int(pixels[index]) }
                    }
                    bytes[gy * grid + gx] = UInt8(truncatingIfNeeded: sum / ((y1 - y0) * (x1 - x0) * c))
                }
            }
        }
        return CreatedTemplate(template: Template(bytes: bytes))
    }

    /// - Complexity: O(1) (64 bytes).
    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        guard verification.bytes.count == Self.templateLength, enrolment.bytes.count == Self.templateLength else {
            throw MatcherError(
                .templateFormatError,
                "templates must be 64 bytes, got \(verification.bytes.count) and \(enrolment.bytes.count)")
        }
        var sum = 0
        for index in 0..<Self.templateLength {
            sum += abs(Int(verification.bytes[index]) - Int(enrolment.bytes[index]))
        }
        return 1.0 - Double(sum) / Double(Self.templateLength * 255)
    }
}

/// A matcher that does nothing: a one-byte template and score 0. The baseline of the adapter benchmarks.
public struct NoOpMatcher: FaceMatcher {
    public let identity = MatcherIdentity(
        name: "noop", version: "1.0.0", vendor: "facecert", scoreKind: .similarity, symmetric: true)

    public init() {}

    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        CreatedTemplate(template: Template(bytes: [0]))
    }

    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double { 0 }
}
