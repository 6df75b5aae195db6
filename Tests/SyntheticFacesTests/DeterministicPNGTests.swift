import FaceImaging
import Foundation
import Testing

@testable import SyntheticFaces

struct DeterministicPNGTests {
    static func randomImage(width: Int, height: Int, format: FaceImage.PixelFormat, levels: Int, seed: UInt64) throws
        -> FaceImage
    {
        var random = SeededRandom(seed: seed)
        let step = 255 / max(1, levels - 1)
        let pixels = (0..<(width * height * format.channels)).map { _ in UInt8(step * random.index(levels)) }
        return try FaceImage(width: width, height: height, format: format, pixels: pixels)
    }

    @Test(arguments: FaceImage.PixelFormat.allCases, [2, 16, 256])
    func libpngDecodesTheEncodedPixelsExactly(format: FaceImage.PixelFormat, levels: Int) throws {
        for (width, height) in [(1, 1), (7, 3), (64, 48), (300, 5)] {
            let image = try Self.randomImage(width: width, height: height, format: format, levels: levels, seed: 9)
            let decoded = try FaceImage(pngData: Data(DeterministicPNG.encode(image)))
            #expect(decoded == image, "\(width)x\(height) \(format) with \(levels) levels")
        }
    }

    @Test func longRunsAndFacesRoundTrip() throws {
        let flat = try FaceImage(width: 400, height: 300, format: .gray8, pixels: .init(repeating: 77, count: 120_000))
        #expect(try FaceImage(pngData: Data(DeterministicPNG.encode(flat))) == flat)
        let face = try SyntheticFaceGenerator(seed: 5, format: .rgb8).face(subject: 0, index: 0).image
        let encoded = DeterministicPNG.encode(face)
        #expect(try FaceImage(pngData: Data(encoded)) == face)
        // Compression works: well below the raw size.
        #expect(encoded.count < face.pixels.count / 2)
    }

    @Test func huffmanLengthsRespectTheLimitAndFormACompleteCode() {
        // Fibonacci frequencies force deep trees.
        var frequencies = [1, 1]
        while frequencies.count < 30 { frequencies.append(frequencies[frequencies.count - 1] + frequencies[frequencies.count - 2]) }
        for limit in [7, 15] {
            let lengths = Deflate.huffmanLengths(frequencies, limit: limit)
            #expect(lengths.allSatisfy { $0 >= 1 && $0 <= limit })
            // Kraft sum of a complete prefix code is exactly 1.
            let kraft = lengths.reduce(0.0) { $0 + 1 / Double(1 << $1) }
            #expect(kraft == 1)
        }
    }

    @Test func crcMatchesTheKnownCheckValue() {
        #expect(DeterministicPNG.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
