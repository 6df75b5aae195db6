import Foundation

/// A decoded face image: 8 bits per channel, gray or RGB, row-major with no row padding.
///
/// Every PNG a test vector publishes becomes a `FaceImage` by the conversion rules in
/// ``FaceImage/init(pngData:as:limits:fileName:)``; matcher plugins receive nothing else.
public struct FaceImage: Sendable, Hashable {
    /// The layout of one pixel.
    public enum PixelFormat: String, Sendable, Hashable, Codable, CaseIterable {
        /// One byte a pixel, 0 = black, 255 = white.
        case gray8 = "gray"
        /// Three bytes a pixel, red, green, blue.
        case rgb8 = "rgb"

        /// Bytes per pixel.
        public var channels: Int {
            switch self {
            case .gray8: 1
            case .rgb8: 3
            }
        }
    }

    /// Width in pixels (at least 1).
    public let width: Int
    /// Height in pixels (at least 1).
    public let height: Int
    /// The pixel layout.
    public let format: PixelFormat
    /// `width * height * format.channels` bytes, row by row, top row first.
    public let pixels: [UInt8]

    /// Wraps pixels that are already decoded.
    ///
    /// - Parameters:
    ///   - width: Width in pixels, at least 1.
    ///   - height: Height in pixels, at least 1.
    ///   - format: The layout of each pixel.
    ///   - pixels: Exactly `width * height * format.channels` bytes, row by row, top row first, no padding.
    /// - Throws: ``FaceImageError`` with code `.invalidArgument` when the sizes disagree or a side is not positive.
    /// - Complexity: O(1); the array is not copied.
    public init(width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) throws(FaceImageError) {
        guard width > 0, height > 0 else {
            throw FaceImageError(.invalidArgument, "image sides must be positive, got \(width)x\(height)")
        }
        let (count, countOverflow) = width.multipliedReportingOverflow(by: height)
        let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: format.channels)
        guard !countOverflow, !bytesOverflow else {
            throw FaceImageError(.invalidArgument, "a \(width)x\(height) image has more pixels than memory can address")
        }
        guard bytes == pixels.count else {
            throw FaceImageError(
                .invalidArgument,
                "a \(width)x\(height) \(format.rawValue) image needs \(bytes) bytes, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// Internal initialiser for pixels whose size is already known to be right.
    init(uncheckedWidth width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }
}
