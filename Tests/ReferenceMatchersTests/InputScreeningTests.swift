import BiometricMetrics
import FaceImaging
import MatcherPlugins
import Testing

@testable import ReferenceMatchers

struct InputScreeningTests {
    static func refusal(_ image: FaceImage, eyes: EyePositions? = nil) throws -> MatcherError? {
        let matcher = try LBPHMatcher()
        do {
            _ = try matcher.createTemplate(from: image, role: .enrolment, eyes: eyes)
            return nil
        } catch {
            return error
        }
    }

    @Test func imagesBelowTheMinimumSideAreRefused() throws {
        let small = try FaceImage(width: 31, height: 200, format: .gray8, pixels: .init(repeating: 9, count: 31 * 200))
        let error = try #require(try Self.refusal(small))
        #expect(error.code == .refuseInput)
        #expect(error.message.contains("31x200"))
    }

    @Test(arguments: [0, 128, 255])
    func blankImagesAreRefused(level: Int) throws {
        var pixels = [UInt8](repeating: UInt8(level), count: 160 * 192 * 3)
        pixels[500] = pixels[500] ^ 1  // one off-by-one pixel is still blank
        let image = try FaceImage(width: 160, height: 192, format: .rgb8, pixels: pixels)
        let error = try #require(try Self.refusal(image))
        #expect(error.code == .refuseInput)
        #expect(error.message.contains("near-constant"))
    }

    @Test func pixelNoiseIsRefused() throws {
        var generator = SeededGenerator(seed: 3)
        let pixels = (0..<(160 * 192)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = try FaceImage(width: 160, height: 192, format: .gray8, pixels: pixels)
        let error = try #require(try Self.refusal(image))
        #expect(error.message.contains("noise"))
    }

    @Test func aFaceLikeImageIsAccepted() throws {
        #expect(try Self.refusal(LBPHMatcherTests.syntheticFace()) == nil)
    }

    @Test func badEyePositionsAreRefused() throws {
        let image = LBPHMatcherTests.syntheticFace()
        let cases: [EyePositions] = [
            EyePositions(left: ImagePoint(x: 60, y: 40), right: ImagePoint(x: 30, y: 40)),  // swapped
            EyePositions(left: ImagePoint(x: 30, y: 40), right: ImagePoint(x: 200, y: 40)),  // outside
            EyePositions(left: ImagePoint(x: 30, y: 40), right: ImagePoint(x: 33, y: 40)),  // too close
            EyePositions(left: ImagePoint(x: .nan, y: 40), right: ImagePoint(x: 60, y: 40)),
        ]
        for eyes in cases {
            let error = try #require(try Self.refusal(image, eyes: eyes))
            #expect(error.code == .refuseInput)
        }
        let good = EyePositions(left: ImagePoint(x: 30, y: 47), right: ImagePoint(x: 62, y: 47))
        #expect(try Self.refusal(image, eyes: good) == nil)
    }

    @Test func everyORLImageIsAccepted() throws {
        guard SharedFaces.available() else { return }
        let matcher = try LBPHMatcher()
        for (subject, image) in try SharedFaces.orl() {
            #expect(throws: Never.self, "ORL subject \(subject)") {
                _ = try matcher.createTemplate(from: image, role: .enrolment)
            }
        }
    }
}
