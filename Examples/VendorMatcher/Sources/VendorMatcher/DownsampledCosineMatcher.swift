import FaceImaging
import MatcherPlugins

/// A toy, **not a face recogniser**: it compares the coarse layout of light and dark in two images.
///
/// Template: the image in gray, averaged over a `grid` × `grid` raster of cells (cell `(gx, gy)` spans
/// `x ∈ [gx·w/grid, (gx+1)·w/grid)`, likewise in y), minus its mean, scaled to unit length: `grid²` Float32
/// values, little-endian. Score: the cosine of the two vectors, a similarity in [−1, 1]; symmetric. Images with no
/// contrast (every cell equal) are refused: there is nothing to compare.
///
/// It exists to show how a Swift matcher asserts conformance in its own `swift test`
/// (Tests/VendorMatcherTests); it knows nothing about faces and would fail any real face suite.
public struct DownsampledCosineMatcher: FaceMatcher {
    /// Cells per side of the raster.
    public let grid: Int

    public let identity: MatcherIdentity

    /// - Parameter grid: Cells per side, at least 2 (a 1 × 1 raster has no layout to compare).
    public init(grid: Int = 8) {
        self.grid = max(2, grid)
        identity = MatcherIdentity(
            name: "downsampled-cosine", version: "1.0.0", vendor: "Example Vendor (toy, not a face recogniser)",
            scoreKind: .similarity, declaredThreshold: 0.5, symmetric: true)
    }

    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        let gray = image.format == .gray8 ? image : image.converted(to: .gray8)
        let (width, height) = (gray.width, gray.height)
        guard width >= grid, height >= grid else {
            throw MatcherError(.refuseInput, "image \(width)x\(height) is smaller than \(grid)x\(grid)")
        }
        var cells = [Double](repeating: 0, count: grid * grid)
        for gy in 0..<grid {
            let (y0, y1) = (gy * height / grid, (gy + 1) * height / grid)
            for gx in 0..<grid {
                let (x0, x1) = (gx * width / grid, (gx + 1) * width / grid)
                var sum = 0
                for y in y0..<y1 {
                    for x in x0..<x1 { sum += Int(gray.pixels[y * width + x]) }
                }
                cells[gy * grid + gx] = Double(sum) / Double((y1 - y0) * (x1 - x0))
            }
        }
        let mean = cells.reduce(0, +) / Double(cells.count)
        var length = 0.0
        for index in cells.indices {
            cells[index] -= mean
            length += cells[index] * cells[index]
        }
        length = length.squareRoot()
        guard length > 1e-6 else { throw MatcherError(.refuseInput, "the image has no contrast") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.count * 4)
        for value in cells {
            let bits = Float(value / length).bitPattern.littleEndian
            for shift in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift)))
            }
        }
        return CreatedTemplate(template: Template(bytes: bytes))
    }

    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        let count = grid * grid * 4
        guard verification.bytes.count == count, enrolment.bytes.count == count else {
            throw MatcherError(.templateFormatError, "a template is not \(count) bytes long")
        }
        var dot = 0.0
        for index in 0..<(grid * grid) {
            dot +=
                Double(Self.float(verification.bytes, at: index * 4))
                * Double(Self.float(enrolment.bytes, at: index * 4))
        }
        return min(1, max(-1, dot))
    }

    private static func float(_ bytes: [UInt8], at offset: Int) -> Float {
        var bits: UInt32 = 0
        for byte in 0..<4 { bits |= UInt32(bytes[offset + byte]) << UInt32(8 * byte) }
        return Float(bitPattern: UInt32(littleEndian: bits))
    }
}
