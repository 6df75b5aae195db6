import FaceImaging
import Foundation
import Testing

/// Willem van Schaik's PngSuite in `../shared/pngsuite`: 161 valid files and 14 broken `x*` ones.
@Suite(.enabled(if: TestFiles.runPngSuiteTests, TestFiles.pngSuiteMissing))
struct PngSuiteTests {
    /// Width and height from the IHDR chunk, read without libpng.
    static func headerSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[12..<16] == Array("IHDR".utf8)[...] else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// What each broken file is: its PngSuite description and the code facecert must give.
    static let brokenFiles: [String: FaceImageError.Code] = [
        "xs1n0g01.png": .notPNG,  // signature byte 1 MSBit reset to zero
        "xs2n0g01.png": .notPNG,  // signature byte 2 is a 'Q'
        "xs4n0g01.png": .notPNG,  // signature byte 4 lowercase
        "xs7n0g01.png": .notPNG,  // 7th byte a space instead of control-Z
        "xcrn0g04.png": .notPNG,  // added cr bytes
        "xlfn0g04.png": .notPNG,  // added lf bytes
        "xhdn0g08.png": .corrupt,  // incorrect IHDR checksum
        "xc1n0g08.png": .corrupt,  // color type 1
        "xc9n2c08.png": .corrupt,  // color type 9
        "xd0n2c08.png": .corrupt,  // bit-depth 0
        "xd3n2c08.png": .corrupt,  // bit-depth 3
        "xd9n2c08.png": .corrupt,  // bit-depth 99
        "xdtn0g01.png": .corrupt,  // missing IDAT chunk
        "xcsn0g01.png": .corrupt,  // incorrect IDAT checksum
    ]

    @Test func everyValidFileDecodesWithTheDimensionsInItsHeader() throws {
        let valid = try TestFiles.pngSuiteFiles().filter { !$0.hasPrefix("x") }
        #expect(valid.count == 161)
        for name in valid {
            let path = TestFiles.pngSuite.appendingPathComponent(name).path
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let header = try #require(Self.headerSize(data), "\(name): no IHDR")
            do {
                let image = try FaceImage(pngData: data, fileName: name)
                #expect(image.width == header.width && image.height == header.height, "\(name)")
                #expect(image.pixels.count == image.width * image.height * image.format.channels, "\(name)")
                if name.hasPrefix("s"), let side = Int(name.dropFirst().prefix(2)) {
                    #expect(image.width == side && image.height == side, "\(name) is \(side)x\(side)")
                }
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    @Test func everyBrokenFileIsRejectedWithItsTypedError() throws {
        let broken = try TestFiles.pngSuiteFiles().filter { $0.hasPrefix("x") }
        #expect(broken.sorted() == Self.brokenFiles.keys.sorted())
        for name in broken {
            let path = TestFiles.pngSuite.appendingPathComponent(name).path
            do {
                let image = try FaceImage(contentsOfFile: path)
                Issue.record("\(name) decoded as \(image.width)x\(image.height)")
            } catch {
                #expect(error.code == Self.brokenFiles[name], "\(name): \(error)")
                #expect(error.fileName == path)
                #expect(!error.message.isEmpty)
            }
        }
    }

    /// `Fixtures/pngsuite-sha256.tsv` comes from `independent_sha256.py`, a decoder sharing no code with libpng.
    @Test func pixelHashesMatchTheIndependentDecoder() throws {
        let golden = try String(
            contentsOf: TestFiles.fixtures.appendingPathComponent("pngsuite-sha256.tsv"), encoding: .utf8)
        let rows = golden.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 161 * 3 + 14)
        #expect(Set(rows.map { $0[0] }) == Set(try TestFiles.pngSuiteFiles()))
        for row in rows {
            let path = TestFiles.pngSuite.appendingPathComponent(row[0]).path
            if row[1] == "error" {
                #expect(throws: FaceImageError.self, "\(row[0]) is rejected by both decoders") {
                    try FaceImage(contentsOfFile: path)
                }
                continue
            }
            let format: FaceImage.PixelFormat? = row[1] == "native" ? nil : FaceImage.PixelFormat(rawValue: row[1])
            let image = try FaceImage(contentsOfFile: path, as: format)
            #expect("\(image.width)x\(image.height) \(image.format.rawValue)" == row[2], "\(row[0]) \(row[1])")
            #expect(sha256Hex(image.pixels) == row[3], "\(row[0]) \(row[1])")
        }
    }
}
