import FaceImaging
import Foundation
import Testing

struct FaceImageRoundTripTests {
    @Test(arguments: FaceImage.PixelFormat.allCases, [(1, 1), (37, 23), (3, 200), (256, 3)])
    func encodedImageDecodesToTheSamePixels(format: FaceImage.PixelFormat, size: (width: Int, height: Int)) throws {
        let image = try randomImage(width: size.width, height: size.height, format: format, seed: 7)
        let decoded = try FaceImage(pngData: image.pngData())
        #expect(decoded == image)
    }

    @Test(arguments: [0, 1, 6, 9])
    func everyCompressionLevelRoundTrips(level: Int) throws {
        let image = try randomImage(width: 19, height: 11, format: .rgb8, seed: UInt64(level))
        let data = try image.pngData(compressionLevel: level)
        #expect(try FaceImage(pngData: data) == image)
    }

    @Test func writerProducesAnEightBitNonInterlacedPNGOfTheRightColourType() throws {
        for (format, colourType) in [(FaceImage.PixelFormat.gray8, UInt8(0)), (.rgb8, UInt8(2))] {
            let data = [UInt8](try randomImage(width: 5, height: 4, format: format, seed: 3).pngData())
            #expect(data.prefix(8) == [137, 80, 78, 71, 13, 10, 26, 10])
            #expect(data[12..<16] == Array("IHDR".utf8)[...])
            #expect(data[24] == 8, "bit depth")
            #expect(data[25] == colourType, "colour type")
            #expect(data[28] == 0, "interlace method")
        }
    }

    @Test func fileRoundTripThroughWritePNGAndContentsOfFile() throws {
        let image = try randomImage(width: 40, height: 30, format: .gray8, seed: 11)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("facecert-\(UUID()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try image.writePNG(toFile: path)
        #expect(try FaceImage(contentsOfFile: path) == image)
        #expect(try FaceImage(contentsOfFile: path, as: .rgb8) == image.converted(to: .rgb8))
    }

    @Test func writingIntoAMissingDirectoryIsAnIOError() throws {
        let image = try randomImage(width: 2, height: 2, format: .gray8, seed: 1)
        let path = "/nonexistent-facecert-dir/\(UUID())/x.png"
        #expect {
            try image.writePNG(toFile: path)
        } throws: { error in
            (error as? FaceImageError)?.code == .io && (error as? FaceImageError)?.fileName == path
        }
    }

    @Test func inconsistentPixelCountIsRejected() {
        #expect(throws: FaceImageError.self) {
            try FaceImage(width: 3, height: 3, format: .rgb8, pixels: [UInt8](repeating: 0, count: 9))
        }
        #expect(throws: FaceImageError.self) { try FaceImage(width: 0, height: 3, format: .gray8, pixels: []) }
        // Sides whose product overflows are an error, not a trap.
        #expect(throws: FaceImageError.self) { try FaceImage(width: .max, height: 2, format: .rgb8, pixels: []) }
        #expect(throws: FaceImageError.self) {
            try FaceImage(width: 1 << 31, height: 1 << 31, format: .rgb8, pixels: [])
        }
    }
}
