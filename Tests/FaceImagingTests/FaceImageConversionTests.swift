import FaceImaging
import Testing

struct FaceImageConversionTests {
    /// (R, G, B) → (19595·R + 38470·G + 7471·B + 32768) >> 16, worked by hand.
    @Test(
        arguments: [
            ([0, 0, 0], 0), ([255, 255, 255], 255), ([255, 0, 0], 76), ([0, 255, 0], 150), ([0, 0, 255], 29),
            ([10, 200, 30], 124), ([1, 1, 1], 1), ([128, 128, 128], 128),
        ] as [([UInt8], UInt8)])
    func rgbToGrayIsFixedPointBT601(rgb: [UInt8], gray: UInt8) throws {
        let image = try FaceImage(width: 1, height: 1, format: .rgb8, pixels: rgb)
        #expect(image.converted(to: .gray8).pixels == [gray])
        #expect(image.grayPixels == [gray])
    }

    @Test func rgbToGrayMatchesTheFormulaOnEveryPixel() throws {
        let image = try randomImage(width: 64, height: 64, format: .rgb8, seed: 42)
        let expected = stride(from: 0, to: image.pixels.count, by: 3).map { i -> UInt8 in
            let r = UInt32(image.pixels[i])
            let g = UInt32(image.pixels[i + 1])
            let b = UInt32(image.pixels[i + 2])
            return UInt8((19595 * r + 38470 * g + 7471 * b + 32768) >> 16)
        }
        let gray = image.converted(to: .gray8)
        #expect(gray.format == .gray8 && gray.width == 64 && gray.height == 64)
        #expect(gray.pixels == expected)
    }

    @Test func grayToRGBRepeatsTheSampleAndBackIsLossless() throws {
        let gray = try FaceImage(width: 3, height: 1, format: .gray8, pixels: [0, 77, 255])
        let rgb = gray.converted(to: .rgb8)
        #expect(rgb.pixels == [0, 0, 0, 77, 77, 77, 255, 255, 255])
        #expect(rgb.converted(to: .gray8) == gray)
    }

    @Test func convertingToTheSameFormatKeepsTheImage() throws {
        let image = try randomImage(width: 4, height: 4, format: .rgb8, seed: 5)
        #expect(image.converted(to: .rgb8) == image)
    }
}
