extension FaceImage {
    /// The same image in another pixel format.
    ///
    /// RGB → gray is ITU-R BT.601 luma in 16-bit fixed point, `(19595·R + 38470·G + 7471·B + 32768) >> 16`
    /// (the weights sum to 65,536, so white stays 255); gray → RGB repeats the sample in all three channels.
    /// Converting to the current format returns `self`.
    ///
    /// - Parameter target: The pixel format wanted.
    /// - Returns: An image of the same size in `target`.
    /// - Complexity: O(width × height).
    public func converted(to target: PixelFormat) -> FaceImage {
        guard target != format else { return self }
        let count = width * height
        switch target {
        case .gray8:
            let gray = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                pixels.withUnsafeBufferPointer { rgb in
                    for i in 0..<count {
                        let r = UInt32(rgb[3 * i])
                        let g = UInt32(rgb[3 * i + 1])
                        let b = UInt32(rgb[3 * i + 2])
                        out[i] = UInt8(truncatingIfNeeded: (19595 &* r &+ 38470 &* g &+ 7471 &* b &+ 32768) >> 16)
                    }
                }
                initialized = count
            }
            return FaceImage(uncheckedWidth: width, height: height, format: .gray8, pixels: gray)
        case .rgb8:
            let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
                pixels.withUnsafeBufferPointer { gray in
                    for i in 0..<count {
                        let v = gray[i]
                        out[3 * i] = v
                        out[3 * i + 1] = v
                        out[3 * i + 2] = v
                    }
                }
                initialized = count * 3
            }
            return FaceImage(uncheckedWidth: width, height: height, format: .rgb8, pixels: rgb)
        }
    }

    /// The 8-bit luma plane: the pixels themselves for gray images, BT.601 luma for RGB (see ``converted(to:)``).
    ///
    /// - Complexity: O(width × height) for RGB images; O(1) for gray ones.
    public var grayPixels: [UInt8] { converted(to: .gray8).pixels }
}
