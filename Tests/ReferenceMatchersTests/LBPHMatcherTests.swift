import BiometricMetrics
import FaceImaging
import MatcherPlugins
import Testing

@testable import ReferenceMatchers

struct LBPHMatcherTests {
    /// A smooth face-like test image: a bright ellipse with two dark eyes on a darker background, plus texture.
    static func syntheticFace(width: Int = 92, height: Int = 112, seed: UInt64 = 1) -> FaceImage {
        var generator = SeededGenerator(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let u = (Double(x) - Double(width) / 2) / (Double(width) * 0.35)
                let v = (Double(y) - Double(height) / 2) / (Double(height) * 0.42)
                var value = u * u + v * v < 1 ? 190.0 : 60.0
                for eye in [0.33, 0.67] {
                    let dx = Double(x) - eye * Double(width), dy = Double(y) - 0.42 * Double(height)
                    if dx * dx + dy * dy < 16 { value = 30 }
                }
                value += Double(UInt8.random(in: 0...20, using: &generator))
                pixels[y * width + x] = UInt8(value)
            }
        }
        // Sizes match by construction.
        return try! FaceImage(width: width, height: height, format: .gray8, pixels: pixels)
    }

    @Test func identityIsLBPHWithSymmetricDistances() throws {
        let identity = try LBPHMatcher().identity
        #expect(identity.name == "lbph")
        #expect(identity.scoreKind == .distance)
        #expect(identity.symmetric)
    }

    @Test func templatesAreDeterministicAndSelfDistanceIsZero() throws {
        let matcher = try LBPHMatcher()
        let image = Self.syntheticFace()
        let first = try matcher.createTemplate(from: image, role: .enrolment).template
        let second = try matcher.createTemplate(from: image, role: .verification).template
        #expect(first == second)
        #expect(try matcher.compare(verification: first, enrolment: second) == 0)
    }

    @Test func distanceIsSymmetricPositiveAndFinite() throws {
        let matcher = try LBPHMatcher()
        let a = try matcher.createTemplate(from: Self.syntheticFace(seed: 1), role: .enrolment).template
        let b = try matcher.createTemplate(from: Self.syntheticFace(seed: 2), role: .enrolment).template
        let ab = try matcher.compare(verification: a, enrolment: b)
        let ba = try matcher.compare(verification: b, enrolment: a)
        #expect(ab == ba)
        #expect(ab > 0 && ab.isFinite)
    }

    @Test func rgbImagesAreMatchedOnTheirLuma() throws {
        let matcher = try LBPHMatcher()
        let gray = Self.syntheticFace()
        let fromGray = try matcher.createTemplate(from: gray, role: .enrolment).template
        let fromRGB = try matcher.createTemplate(from: gray.converted(to: .rgb8), role: .enrolment).template
        #expect(fromGray == fromRGB)
    }

    @Test func templateLayoutIsHeaderPlusFloat32PerRegionBin() throws {
        let matcher = try LBPHMatcher()
        let template = try matcher.createTemplate(from: Self.syntheticFace(), role: .enrolment).template
        let values = 7 * 8 * 59
        #expect(template.bytes.count == 16 + 4 * values)
        #expect(Array(template.bytes.prefix(4)) == Array("LBPH".utf8))
    }

    @Test func zeroWeightRegionsAreLeftOutOfTheTemplate() throws {
        var configuration = LBPHMatcher.Configuration(gridColumns: 7, gridRows: 7)
        configuration.regionWeights = LBPHMatcher.Configuration.ahonenWeights7x7
        let matcher = try LBPHMatcher(configuration: configuration)
        let template = try matcher.createTemplate(from: Self.syntheticFace(), role: .enrolment).template
        let nonZero = LBPHMatcher.Configuration.ahonenWeights7x7.filter { $0 > 0 }.count
        #expect(template.bytes.count == 16 + 4 * nonZero * 59)
    }

    @Test func foreignOrCorruptTemplatesAreFormatErrors() throws {
        let matcher = try LBPHMatcher()
        let good = try matcher.createTemplate(from: Self.syntheticFace(), role: .enrolment).template
        let other = try LBPHMatcher(configuration: .init(gridColumns: 8, gridRows: 8))
        let foreign = try other.createTemplate(from: Self.syntheticFace(), role: .enrolment).template
        var truncated = good
        truncated.bytes.removeLast()
        var infinite = good
        for offset in 16..<20 { infinite.bytes[offset] = [0x00, 0x00, 0x80, 0x7F][offset - 16] }
        for bad in [Template(bytes: []), Template(bytes: Array("nonsense".utf8)), foreign, truncated, infinite] {
            #expect(throws: MatcherError(.templateFormatError, ""), "\(bad.bytes.count) bytes") {
                do throws(MatcherError) {
                    _ = try matcher.compare(verification: bad, enrolment: good)
                } catch {
                    throw MatcherError(error.code, "")
                }
            }
        }
    }

    @Test func invalidConfigurationsAreRejected() {
        let bad: [LBPHMatcher.Configuration] = [
            .init(radius: 0), .init(radius: 5), .init(gridColumns: 0), .init(regionWeights: [1, 2]),
            .init(gridColumns: 1, gridRows: 1, regionWeights: [0]), .init(smoothingPasses: -1),
        ]
        for configuration in bad {
            #expect(throws: MatcherError.self) { try LBPHMatcher(configuration: configuration) }
        }
    }

    @Test func uniformPatternTableHas58UniformLabelsAndOneShared() {
        let table = LocalBinaryPatterns.uniformLabel
        #expect(Set(table.filter { $0 < 58 }).count == 58)
        #expect(table.filter { $0 == 58 }.count == 256 - 58)
        #expect(table[0] == 0 && table[255] != 58 && table[0b0101_0101] == 58)
    }

    @Test func alignmentMovesTheGivenEyesOntoTheCropEyes() throws {
        // A dark image with two bright dots at rotated, scaled eye positions.
        let width = 200, height = 180
        let left = ImagePoint(x: 70.5, y: 100.5), right = ImagePoint(x: 130.5, y: 80.5)
        var pixels = [UInt8](repeating: 20, count: width * height)
        for point in [left, right] {
            for dy in -1...1 {
                for dx in -1...1 { pixels[(Int(point.y) + dy) * width + Int(point.x) + dx] = 250 }
            }
        }
        let crop = FaceCrop.standard
        let plane = crop.sample(
            gray: pixels, width: width, height: height, eyes: EyePositions(left: left, right: right))
        for eye in [crop.leftEye, crop.rightEye] {
            let value = plane[Int(eye.y) * crop.width + Int(eye.x)]
            #expect(value > 150, "crop pixel at \(eye) is \(value)")
        }
        #expect(plane[10 * crop.width + 10] < 40)
    }
}

