import Crypto
import FaceImaging
import Foundation
import Testing

/// Paths to the committed fixtures and to `../shared` beside the package.
enum TestFiles {
    /// The package root, three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func fixtureData(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// `../shared` (or `$FACECERT_SHARED_DIR`): the PngSuite and the licensed faces, never copied into the repo.
    static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["FACECERT_SHARED_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()
    static let pngSuite = shared.appendingPathComponent("pngsuite")
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let pngSuiteAvailable = FileManager.default.fileExists(atPath: pngSuite.path)
    /// Run PngSuite tests when the suite is there, and in CI always (where a missing suite must fail).
    static let runPngSuiteTests = pngSuiteAvailable || inCI
    static let pngSuiteMissing: Comment =
        "PngSuite missing at ../shared/pngsuite (set FACECERT_SHARED_DIR); skipped outside CI, fails when CI=true"

    /// The PngSuite file names, sorted; records a failure naming the path when the suite is missing.
    static func pngSuiteFiles(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try #require(
            pngSuiteAvailable, "PngSuite missing at \(pngSuite.path): CI=true requires ../shared",
            sourceLocation: sourceLocation)
        return try FileManager.default.contentsOfDirectory(atPath: pngSuite.path).filter { $0.hasSuffix(".png") }
            .sorted()
    }
}

/// The SHA-256 of some bytes, lowercase hex (what `facecert image inspect --pixels-sha256` prints).
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

/// Decodes and returns the error, or records a failure when decoding succeeds.
func decodingError(
    _ data: some ContiguousBytes, limits: PNGDecodingLimits = .default, fileName: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> FaceImageError? {
    do {
        let image = try FaceImage(pngData: data, limits: limits, fileName: fileName)
        Issue.record("expected an error, decoded \(image.width)x\(image.height)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014), the one seeded generator of this test target, so tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random pixels from a seeded generator.
func randomImage(width: Int, height: Int, format: FaceImage.PixelFormat, seed: UInt64) throws -> FaceImage {
    var generator = SplitMix64(seed: seed)
    let pixels = (0..<(width * height * format.channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return try FaceImage(width: width, height: height, format: format, pixels: pixels)
}
