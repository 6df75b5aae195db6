import FaceImaging
import Testing

struct FaceImageRoundTripTests {
    @Test(arguments: FaceImage.PixelFormat.allCases)
    func encodedImageDecodesToTheSamePixels(format: FaceImage.PixelFormat) throws {
        var generator = SplitMix64(seed: 7)
        let width = 37, height = 23
        let pixels = (0..<(width * height * format.channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = try FaceImage(width: width, height: height, format: format, pixels: pixels)
        let decoded = try FaceImage(pngData: image.pngData())
        #expect(decoded == image)
    }
}

/// A small seeded generator so tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49EB_133D_1111
        return z ^ (z >> 31)
    }
}
