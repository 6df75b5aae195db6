import FaceImaging

/// Geometric normalisation of a face to a fixed-size gray crop (ISO/IEC 19794-5 / 39794-5 "token" geometry:
/// the eyes land on fixed positions).
///
/// With eye positions the crop is the similarity transform (rotation, uniform scale, translation) that sends the
/// given eye centres to ``leftEye`` and ``rightEye``. Without them it is the largest centred rectangle of the
/// crop's aspect ratio, scaled to the crop size — right for images that are already a face-filling, roughly
/// centred portrait (ORL, the synthetic suite). Samples are bilinear in luma; sources more than 1.5× larger than
/// the crop are first box-filtered by an integer factor so downscaling does not alias.
public struct FaceCrop: Sendable, Hashable, Codable {
    /// Crop width in pixels.
    public var width: Int
    /// Crop height in pixels.
    public var height: Int
    /// Where the centre of the eye on the image's left lands, in crop pixel coordinates.
    public var leftEye: ImagePoint
    /// Where the centre of the eye on the image's right lands, in crop pixel coordinates.
    public var rightEye: ImagePoint

    /// A crop geometry.
    public init(width: Int, height: Int, leftEye: ImagePoint, rightEye: ImagePoint) {
        self.width = width
        self.height = height
        self.leftEye = leftEye
        self.rightEye = rightEye
    }

    /// 92 × 112 (the ORL image size); caller-given eye centres land 40 px apart on row 42.
    ///
    /// The size serves the centred crop (tuned on ORL, whose images are 92 × 112 portraits). The eye positions,
    /// used only when eyes are given, frame the inner face from the forehead to the chin, close to the CSU /
    /// Ahonen et al. normalisation (eyes 54 % of the width apart) but a little looser: on the synthetic suite
    /// the ORL-like framing (eyes 32 px apart) gave an EER of 10.6 %, this one 1.7 %, 36 px 3.9 %, 48 px 2.8 %.
    public static let standard = FaceCrop(
        width: 92, height: 112, leftEye: ImagePoint(x: 26, y: 42), rightEye: ImagePoint(x: 66, y: 42))

    /// Samples the crop from a gray plane.
    ///
    /// - Parameters:
    ///   - gray: Luma, `width × height` of the source.
    ///   - eyes: Eye centres in the source, or `nil` for the centred crop.
    /// - Returns: `self.width × self.height` intensities (0…255) as `Float`, row-major.
    /// - Complexity: O(source pixels + crop pixels).
    func sample(gray: [UInt8], width sourceWidth: Int, height sourceHeight: Int, eyes: EyePositions?) -> [Float] {
        // Affine map from crop pixel centres to source coordinates: s = origin + u·ex + v·ey.
        var originX: Double, originY: Double, exX: Double, exY: Double, eyX: Double, eyY: Double
        if let eyes {
            // Complex ratio z = (eR − eL) / (cR − cL): rotation and scale from crop to source.
            let cdx = rightEye.x - leftEye.x, cdy = rightEye.y - leftEye.y
            let sdx = eyes.right.x - eyes.left.x, sdy = eyes.right.y - eyes.left.y
            let norm = cdx * cdx + cdy * cdy
            let zr = (sdx * cdx + sdy * cdy) / norm, zi = (sdy * cdx - sdx * cdy) / norm
            exX = zr
            exY = zi
            eyX = -zi
            eyY = zr
            originX = eyes.left.x - (zr * leftEye.x - zi * leftEye.y)
            originY = eyes.left.y - (zi * leftEye.x + zr * leftEye.y)
        } else {
            let scale = min(Double(sourceWidth) / Double(width), Double(sourceHeight) / Double(height))
            exX = scale
            exY = 0
            eyX = 0
            eyY = scale
            originX = (Double(sourceWidth) - scale * Double(width)) / 2
            originY = (Double(sourceHeight) - scale * Double(height)) / 2
        }
        // Box prefilter by an integer factor when the crop is much smaller than the source.
        let scale = (exX * exX + exY * exY).squareRoot()
        var plane: [Float]
        var planeWidth = sourceWidth, planeHeight = sourceHeight
        let factor = scale > 1.5 ? Int(scale.rounded(.down)) : 1
        if factor > 1 {
            planeWidth = max(1, sourceWidth / factor)
            planeHeight = max(1, sourceHeight / factor)
            plane = Self.boxReduce(gray, width: sourceWidth, factor: factor, outWidth: planeWidth, outHeight: planeHeight)
            let f = Double(factor)
            originX /= f
            originY /= f
            exX /= f
            exY /= f
            eyX /= f
            eyY /= f
        } else {
            plane = gray.map { Float($0) }
        }
        var out = [Float](repeating: 0, count: width * height)
        let cropWidth = width
        plane.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for v in 0..<height {
                    let cv = Double(v) + 0.5
                    for u in 0..<cropWidth {
                        let cu = Double(u) + 0.5
                        // Source position in pixel-centre coordinates.
                        let sx = originX + cu * exX + cv * eyX - 0.5
                        let sy = originY + cu * exY + cv * eyY - 0.5
                        dst[v * cropWidth + u] = Self.bilinear(src, planeWidth, planeHeight, sx, sy)
                    }
                }
            }
        }
        return out
    }

    /// Bilinear sample with edge clamping; `(x, y)` are in pixel-index coordinates (pixel centres at integers).
    @inline(__always)
    static func bilinear(_ src: UnsafeBufferPointer<Float>, _ width: Int, _ height: Int, _ x: Double, _ y: Double)
        -> Float
    {
        let cx = min(max(x, 0), Double(width - 1)), cy = min(max(y, 0), Double(height - 1))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let tx = Float(cx - Double(x0)), ty = Float(cy - Double(y0))
        let top = src[y0 * width + x0] * (1 - tx) + src[y0 * width + x1] * tx
        let bottom = src[y1 * width + x0] * (1 - tx) + src[y1 * width + x1] * tx
        return top * (1 - ty) + bottom * ty
    }

    /// Averages `factor × factor` blocks.
    static func boxReduce(_ gray: [UInt8], width: Int, factor: Int, outWidth: Int, outHeight: Int) -> [Float] {
        var out = [Float](repeating: 0, count: outWidth * outHeight)
        let area = Float(factor * factor)
        gray.withUnsafeBufferPointer { src in
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    var sum = 0
                    for dy in 0..<factor {
                        let row = (y * factor + dy) * width + x * factor
                        for dx in 0..<factor { sum += Int(src[row + dx]) }
                    }
                    out[y * outWidth + x] = Float(sum) / area
                }
            }
        }
        return out
    }
}
