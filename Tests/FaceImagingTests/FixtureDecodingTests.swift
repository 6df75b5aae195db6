import FaceImaging
import Foundation
import Testing

/// The hand-made fixtures of `Fixtures/make_fixtures.py`: every colour type and bit depth the writer cannot make,
/// checked pixel by pixel against values the script computed from the stored samples.
struct FixtureDecodingTests {
    struct Expected: Decodable {
        var width: Int
        var height: Int
        var format: String
        var pixels: [UInt8]
    }

    static let expected: [String: Expected] = {
        let url = TestFiles.fixtures.appendingPathComponent("expected.json")
        do {
            return try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url))
        } catch {
            // The table drives the argument lists below: say why it is empty instead of running them over nothing.
            Issue.record("cannot read \(url.path): \(error); regenerate it with Fixtures/make_fixtures.py")
            return [:]
        }
    }()

    /// Every fixture that must decode (the Adler-32 one only in lenient mode).
    static let names = expected.keys.filter { $0 != "bad_adler32" }.sorted()

    @Test func theExpectedTableCoversEveryKindOfPNG() {
        let required = [
            "gray1", "gray2", "gray4", "gray8", "gray16", "gray1_adam7", "gray16_adam7", "palette1_trns",
            "palette2_trns", "palette4_trns", "palette8_trns", "palette4_trns_adam7", "gray_alpha8", "gray_alpha16",
            "rgba8", "rgba16", "rgba16_adam7", "rgb16", "rgb8_adam7", "rgb8_trns", "gray16_trns", "rgb8_gamma_sbit",
            "ztxt_bomb",
        ]
        for name in required { #expect(Self.expected[name] != nil, "\(name) missing from expected.json") }
    }

    @Test(arguments: names)
    func fixtureDecodesToTheExpectedPixels(name: String) throws {
        let expected = try #require(Self.expected[name])
        let image = try FaceImage(contentsOfFile: TestFiles.fixture(name + ".png"))
        #expect(image.width == expected.width)
        #expect(image.height == expected.height)
        #expect(image.format.rawValue == expected.format)
        #expect(image.pixels == expected.pixels)
    }

    @Test(arguments: names)
    func forcedFormatEqualsConvertingTheNativeImage(name: String) throws {
        let path = TestFiles.fixture(name + ".png")
        let native = try FaceImage(contentsOfFile: path)
        for format in FaceImage.PixelFormat.allCases {
            let forced = try FaceImage(contentsOfFile: path, as: format)
            #expect(forced.format == format)
            #expect(forced == native.converted(to: format))
        }
    }

    @Test func sixteenBitKeepsTheHighByteWithoutRounding() throws {
        // Stored samples 0x12FF, 0x0080, 0xFF7F, 0x00FF: rounding would give 0x13, 0x01, 0xFF, 0x01.
        let image = try FaceImage(contentsOfFile: TestFiles.fixture("gray16_rounding.png"))
        #expect(image.pixels == [0x12, 0x00, 0xFF, 0x00])
    }

    @Test func alphaIsDroppedNotComposited() throws {
        // Every pixel has alpha 0; compositing on black or white would change them.
        let image = try FaceImage(contentsOfFile: TestFiles.fixture("rgba8_transparent.png"))
        #expect(image.format == .rgb8)
        #expect(image.pixels == [200, 10, 20, 0, 0, 0, 255, 255, 255])
    }
}
