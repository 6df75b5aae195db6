import FaceImaging
import Foundation
import Testing

/// Inputs a hostile or careless vendor could publish: each must give its typed error, never a crash or a huge
/// allocation.
struct HostileInputTests {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    @Test func emptyInputIsNotPNG() {
        let error = decodingError(Data(), fileName: "empty.png")
        #expect(error?.code == .notPNG)
        #expect(error?.fileName == "empty.png")
        #expect(error?.description.hasPrefix("empty.png: error notPNG: ") == true)
    }

    @Test(
        arguments: [
            Array("GIF89a and some more bytes".utf8), [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 74, 70, 73, 70],
            Array("hello".utf8), [0x88, 0x50],
        ] as [[UInt8]])
    func otherBytesAreNotPNG(bytes: [UInt8]) {
        #expect(decodingError(bytes)?.code == .notPNG)
    }

    @Test(arguments: [1, 4, 7])
    func aPrefixOfTheSignatureIsTruncated(length: Int) {
        #expect(decodingError(Self.signature.prefix(length))?.code == .truncated)
    }

    @Test func aSignatureWithItsLineEndingsRewrittenIsNotPNGAndSaysWhy() {
        let error = decodingError(Array(Self.signature.prefix(4)) + [13, 13, 10, 26, 10, 0, 0])
        #expect(error?.code == .notPNG)
        #expect(error?.message.contains("binary mode") == true)
    }

    @Test func truncationAtAnyOffsetIsTruncated() throws {
        for name in ["rgb8.png", "palette4_trns_adam7.png", "gray16_adam7.png", "checksums_ok.png"] {
            let data = try TestFiles.fixtureData(name)
            // Inside the signature, the IHDR length/type/body/CRC, the first chunk after it, deep inside IDAT,
            // just before IEND, and inside IEND.
            let offsets = [
                1, 5, 8, 10, 14, 20, 30, 33, 37, 45, data.count / 2, data.count - 13, data.count - 12,
                data.count - 5, data.count - 1,
            ]
            for offset in offsets {
                let error = decodingError(data.prefix(offset), fileName: name)
                #expect(
                    error?.code == .truncated, "\(name) cut at \(offset) of \(data.count): \(String(describing: error))"
                )
                if offset >= 8 { #expect(error?.message.contains("ends after \(offset) bytes") == true) }
            }
        }
    }

    @Test func aMissingFileIsAnIOErrorNamingIt() {
        let path = "/nonexistent/facecert/\(UUID()).png"
        #expect {
            try FaceImage(contentsOfFile: path)
        } throws: { error in
            guard let error = error as? FaceImageError else { return false }
            return error.code == .io && error.fileName == path && error.description.contains(path)
        }
    }

    @Test func aDirectoryIsAnIOError() {
        #expect {
            try FaceImage(contentsOfFile: TestFiles.fixtures.path)
        } throws: { error in
            (error as? FaceImageError)?.code == .io
        }
    }

    @Test func aDeviceIsAnIOErrorNotAnEndlessRead() {
        #expect {
            try FaceImage(contentsOfFile: "/dev/zero")
        } throws: { error in
            (error as? FaceImageError)?.code == .io
        }
    }

    @Test func aSymbolicLinkToAPNGFileIsFollowed() throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("facecert-link-\(UUID()).png").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: TestFiles.fixture("gray8.png"))
        defer { try? FileManager.default.removeItem(atPath: link) }
        #expect(try FaceImage(contentsOfFile: link) == FaceImage(contentsOfFile: TestFiles.fixture("gray8.png")))
    }

    @Test func aHeaderClaiming100000SquaredIsTooLargeAndSaysWhich() throws {
        let error = decodingError(try TestFiles.fixtureData("header_100000.png"))
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("100000x100000") == true)
        #expect(error?.message.contains("maxWidth") == true)
        #expect(error?.libpngMessage == "Invalid IHDR data")
        #expect(error?.warnings.contains("Image width exceeds user limit in IHDR") == true)
    }

    @Test func aUserWidthLimitIsReportedWithTheDeclaredSize() throws {
        let limits = PNGDecodingLimits(maxWidth: 6)
        let error = decodingError(try TestFiles.fixtureData("gray8.png"), limits: limits)
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("7x5") == true, "\(String(describing: error?.message))")
        #expect(
            try FaceImage(pngData: TestFiles.fixtureData("gray8.png"), limits: PNGDecodingLimits(maxWidth: 7)).width
                == 7)
    }

    /// An 18 KB file that inflates to 144 megapixels is refused from its header: the error comes from the
    /// header phase (no libpng message, the limit named), before any pixel buffer exists.
    @Test func aDecompressionBombIsRefusedByThePixelLimit() throws {
        let data = try TestFiles.fixtureData("bomb_idat_12000.png")
        #expect(data.count < 32_000)
        let error = decodingError(data)
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("12000x12000") == true)
        #expect(error?.message.contains("maxPixels") == true)
        #expect(error?.libpngMessage == nil)
    }

    @Test func aLowerPixelLimitRefusesWhatTheDefaultAccepts() throws {
        let data = try TestFiles.fixtureData("rgb8_adam7.png")  // 10x9
        #expect(decodingError(data, limits: PNGDecodingLimits(maxPixels: 89))?.code == .tooLarge)
        #expect(try FaceImage(pngData: data, limits: PNGDecodingLimits(maxPixels: 90)).width == 10)
    }

    /// zTXt, iTXt and iCCP chunks that inflate to megabytes are skipped without being inflated: the image
    /// decodes to its pixels.
    @Test func textAndICCBombsAreNeverInflated() throws {
        let image = try FaceImage(pngData: TestFiles.fixtureData("ztxt_bomb.png"))
        #expect(image.width == 4 && image.height == 4)
        #expect(image.pixels == (0..<4).flatMap { y in (0..<4).map { x in UInt8(x * 40 + y) } })
    }

    /// libpng skips an ancillary chunk longer than the limit without reading it into memory (a benign error,
    /// reported as a warning); the image itself still decodes.
    @Test func ancillaryChunksOverTheChunkLimitAreSkippedUnread() throws {
        let data = try TestFiles.fixtureData("ztxt_bomb.png")
        let image = try FaceImage(pngData: data, limits: PNGDecodingLimits(maxChunkBytes: 100))
        #expect(image == (try FaceImage(pngData: data)))
    }

    @Test func aChunkLengthBeyondTheEndOfTheInputIsTruncated() throws {
        var bytes = [UInt8](try TestFiles.fixtureData("checksums_ok.png"))
        // The chunk after IHDR starts at 33; claim 0x7FFFFFF0 bytes.
        bytes.replaceSubrange(33..<37, with: [0x7F, 0xFF, 0xFF, 0xF0])
        #expect(decodingError(bytes)?.code == .truncated)
    }

    @Test(arguments: ["bad_crc_idat.png", "bad_crc_ihdr.png", "bad_crc_text.png", "bad_adler32.png"])
    func aBadChecksumIsCorruptWhenStrict(name: String) throws {
        let error = decodingError(try TestFiles.fixtureData(name), fileName: name)
        #expect(error?.code == .corrupt)
        #expect(error?.libpngMessage?.isEmpty == false)
    }

    @Test(arguments: ["bad_crc_text.png", "bad_crc_idat.png", "bad_crc_ihdr.png", "bad_adler32.png"])
    func lenientModeAcceptsBadCRCsAndAdler32(name: String) throws {
        let lenient = PNGDecodingLimits(strictChecksums: false)
        let image = try FaceImage(pngData: TestFiles.fixtureData(name), limits: lenient)
        #expect(image == (try FaceImage(pngData: TestFiles.fixtureData("checksums_ok.png"))))
    }

    /// libpng would silently paint such pixels black; the PNG specification calls them an error.
    @Test func aPaletteIndexBeyondThePLTEIsCorrupt() throws {
        let error = decodingError(try TestFiles.fixtureData("palette_index_out_of_range.png"))
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("palette index 15, beyond the 6-entry PLTE") == true)
    }

    @Test func tooLittleImageDataIsCorrupt() throws {
        #expect(decodingError(try TestFiles.fixtureData("short_idat.png"))?.code == .corrupt)
    }

    @Test func randomByteFlipsNeverCrash() throws {
        let data = [UInt8](try TestFiles.fixtureData("palette4_trns_adam7.png"))
        var generator = SplitMix64(seed: 99)
        for _ in 0..<300 {
            var bytes = data
            for _ in 0..<3 {
                let at = Int.random(in: 8..<bytes.count, using: &generator)
                bytes[at] ^= UInt8.random(in: 1...255, using: &generator)
            }
            do {
                let image = try FaceImage(pngData: bytes, limits: PNGDecodingLimits(strictChecksums: false))
                #expect(image.pixels.count == image.width * image.height * image.format.channels)
            } catch {
                #expect([.corrupt, .truncated, .tooLarge, .notPNG].contains(error.code), "\(error)")
            }
        }
    }
}
