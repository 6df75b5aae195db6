import FaceImaging
import MatcherPlugins

/// The rule by which the reference matchers refuse an image (NIST FRTE `RefuseInput`) before extracting anything.
///
/// An image is refused when any of these holds, in this order:
/// 1. **Too small**: its shorter side is below ``minimumSide`` pixels (default 32): there is not enough face
///    for a regional texture histogram.
/// 2. **Blank**: the standard deviation of its luma is below ``minimumContrast`` (default 4 gray levels):
///    a near-constant image (a blank frame, a lens cap, a saturated exposure) has no face texture.
/// 3. **No spatial structure**: split into an 8 × 8 grid of blocks, the standard deviation of the block means is
///    below ``minimumStructure`` (default 0.2) times the pixel standard deviation. A face has large-scale
///    structure (hair, skin, eyes, background), so its block means vary almost as much as its pixels (ratio
///    0.5–1 on ORL, London and the synthetic suite); independent per-pixel noise averages out in blocks of n pixels
///    (ratio about 1/√n, below 0.1 for any image of at least 32 × 32).
/// With caller-given eye positions, the eyes must also be finite, lie inside the image, with the "left" eye left of
/// the "right" one and at least ``minimumInterEyeDistance`` (default 8) pixels apart.
public struct InputScreening: Sendable, Hashable, Codable {
    /// Smallest accepted shorter side, in pixels.
    public var minimumSide: Int
    /// Smallest accepted standard deviation of the luma, in gray levels.
    public var minimumContrast: Double
    /// Smallest accepted ratio of the block-mean standard deviation to the pixel standard deviation.
    public var minimumStructure: Double
    /// Smallest accepted distance between caller-given eye centres, in pixels.
    public var minimumInterEyeDistance: Double

    /// A screening rule; the defaults are the documented ones.
    public init(
        minimumSide: Int = 32, minimumContrast: Double = 4, minimumStructure: Double = 0.2,
        minimumInterEyeDistance: Double = 8
    ) {
        self.minimumSide = minimumSide
        self.minimumContrast = minimumContrast
        self.minimumStructure = minimumStructure
        self.minimumInterEyeDistance = minimumInterEyeDistance
    }

    /// The documented defaults.
    public static let `default` = InputScreening()

    /// Checks an image (and optional eye positions) against the rule.
    ///
    /// - Parameters:
    ///   - gray: The image's luma plane.
    ///   - width: Image width.
    ///   - height: Image height.
    ///   - eyes: Caller-given eye centres, if any.
    /// - Throws: ``MatcherError`` with code ``MatcherError/Code/refuseInput`` and a message saying which rule failed
    ///   with the measured value.
    /// - Complexity: O(width × height).
    public func check(gray: [UInt8], width: Int, height: Int, eyes: EyePositions?) throws(MatcherError) {
        guard min(width, height) >= minimumSide else {
            throw MatcherError(
                .refuseInput,
                "image is \(width)x\(height) px; the LBPH matcher needs at least \(minimumSide) px a side")
        }
        let count = Double(width * height)
        var sum = 0, sumSquares = 0
        for value in gray {
            let v = Int(value)
            sum += v
            sumSquares += v * v
        }
        let mean = Double(sum) / count
        let deviation = max(0, Double(sumSquares) / count - mean * mean).squareRoot()
        guard deviation >= minimumContrast else {
            throw MatcherError(
                .refuseInput,
                "image is near-constant (luma standard deviation \(rounded(deviation)) < \(minimumContrast)): "
                    + "no face texture to match")
        }
        let grid = 8
        var blockMeans = [Double]()
        blockMeans.reserveCapacity(grid * grid)
        for by in 0..<grid {
            let y0 = by * height / grid, y1 = (by + 1) * height / grid
            for bx in 0..<grid {
                let x0 = bx * width / grid, x1 = (bx + 1) * width / grid
                var blockSum = 0
                for y in y0..<y1 {
                    for x in x0..<x1 { blockSum += Int(gray[y * width + x]) }
                }
                blockMeans.append(Double(blockSum) / Double((y1 - y0) * (x1 - x0)))
            }
        }
        let blockMean = blockMeans.reduce(0, +) / Double(blockMeans.count)
        let blockDeviation =
            (blockMeans.reduce(0) { $0 + ($1 - blockMean) * ($1 - blockMean) } / Double(blockMeans.count))
            .squareRoot()
        let structure = blockDeviation / deviation
        guard structure >= minimumStructure else {
            throw MatcherError(
                .refuseInput,
                "image has no large-scale structure (8x8 block-mean spread is \(rounded(structure)) of the pixel "
                    + "spread, below \(minimumStructure)): it looks like noise, not a face")
        }
        if let eyes {
            let points = [eyes.left, eyes.right]
            guard points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                throw MatcherError(.refuseInput, "eye positions are not finite numbers: \(eyes)")
            }
            guard points.allSatisfy({ $0.x >= 0 && $0.y >= 0 && $0.x <= Double(width) && $0.y <= Double(height) })
            else {
                throw MatcherError(
                    .refuseInput, "eye positions \(describe(eyes)) lie outside the \(width)x\(height) image")
            }
            guard eyes.left.x < eyes.right.x else {
                throw MatcherError(
                    .refuseInput,
                    "the left eye \(describe(eyes)) is not left of the right eye; "
                        + "\"left\" is the eye on the image's left side")
            }
            guard eyes.interEyeDistance >= minimumInterEyeDistance else {
                throw MatcherError(
                    .refuseInput,
                    "eyes are \(rounded(eyes.interEyeDistance)) px apart; at least \(minimumInterEyeDistance) needed")
            }
        }
    }

    private func rounded(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }

    private func describe(_ eyes: EyePositions) -> String {
        "(\(eyes.left.x), \(eyes.left.y)) / (\(eyes.right.x), \(eyes.right.y))"
    }
}
