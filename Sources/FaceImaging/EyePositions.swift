/// A point in image pixel coordinates: x to the right, y down, origin at the top-left corner of the top-left pixel.
public struct ImagePoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Eye centres of one face. "Left" is the eye on the image's left side (the subject's right eye), as in
/// ISO/IEC 39794-5 image coordinates and NIST FRTE's `EyePair`.
public struct EyePositions: Sendable, Hashable, Codable {
    public var left: ImagePoint
    public var right: ImagePoint
    public init(left: ImagePoint, right: ImagePoint) {
        self.left = left
        self.right = right
    }

    /// Distance between the eye centres in pixels (the inter-eye distance of ISO/IEC 39794-5).
    public var interEyeDistance: Double {
        let dx = right.x - left.x
        let dy = right.y - left.y
        return (dx * dx + dy * dy).squareRoot()
    }
}
