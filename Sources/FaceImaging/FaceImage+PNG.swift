internal import CFaceImagingShims
import Foundation

extension FaceImage {
    /// Decodes a PNG held in memory (the main path).
    ///
    /// ## Conversion rules
    /// Every PNG colour type and bit depth decodes to 8 bits per channel:
    /// - 16-bit samples keep their high byte (libpng `png_set_strip_16`), no rounding;
    /// - 1-, 2- and 4-bit gray scale to 0–255 (`png_set_expand_gray_1_2_4_to_8`: 1-bit 0/1 → 0/255);
    /// - palette images expand to RGB (an index beyond the PLTE is an error, `corrupt`, as the PNG specification
    ///   says, not black as libpng would paint it); tRNS transparency and any alpha channel are dropped, not
    ///   composited;
    /// - gamma (gAMA, cHRM, sRGB, iCCP) and sBIT are not applied: samples are used as stored;
    /// - Adam7-interlaced images are de-interlaced.
    /// Native gray (with or without alpha) stays gray and native colour (RGB, RGBA, palette) stays RGB, unless
    /// `format` asks for one. RGB → gray uses ITU-R BT.601 luma in fixed point,
    /// `(19595·R + 38470·G + 7471·B + 32768) >> 16`, computed in Swift so it is exact; gray → RGB repeats the
    /// sample.
    ///
    /// - Parameters:
    ///   - data: The PNG bytes.
    ///   - format: The output format, or `nil` to keep the file's native one.
    ///   - limits: Limits against hostile files.
    ///   - fileName: Named in errors; not otherwise used.
    /// - Throws: ``FaceImageError`` with code `notPNG` (no PNG signature, empty input), `truncated` (the bytes end
    ///   before the stream does), `corrupt` (libpng rejects the stream: bad CRC or Adler-32, invalid header or
    ///   chunk, too little image data), `tooLarge` (a ``PNGDecodingLimits`` value is exceeded; the message gives
    ///   the declared size and the limit) or `outOfMemory`.
    /// - Complexity: O(compressed size + width × height). Limits are checked on the header before any pixel
    ///   memory is allocated. Safe to call concurrently from any number of tasks.
    public init(
        pngData data: some ContiguousBytes, as format: PixelFormat? = nil, limits: PNGDecodingLimits = .default,
        fileName: String? = nil
    ) throws(FaceImageError) {
        let result: Result<FaceImage, FaceImageError> = data.withUnsafeBytes { raw in
            Self.decode(raw, limits: limits, fileName: fileName)
        }
        let native = try result.get()
        self = format.map { native.converted(to: $0) } ?? native
    }

    /// Reads and decodes a PNG file.
    ///
    /// - Parameters:
    ///   - path: The file to read; it is named in every error.
    ///   - format: The output format, or `nil` to keep the file's native one.
    ///   - limits: Limits against hostile files.
    /// - Throws: ``FaceImageError`` with code `io` when the file is missing, is a directory or cannot be read, else
    ///   as ``init(pngData:as:limits:fileName:)``.
    /// - Complexity: As ``init(pngData:as:limits:fileName:)`` plus reading the file (memory-mapped when safe).
    public init(contentsOfFile path: String, as format: PixelFormat? = nil, limits: PNGDecodingLimits = .default)
        throws(FaceImageError)
    {
        let data = try FaceImage.readFile(path)
        try self.init(pngData: data, as: format, limits: limits, fileName: path)
    }

    /// Reads a whole file with a typed `io` error naming the path.
    static func readFile(_ path: String) throws(FaceImageError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FaceImageError(.io, "no such file", fileName: path)
        }
        guard !isDirectory.boolValue else {
            throw FaceImageError(.io, "is a directory, not a PNG file", fileName: path)
        }
        // Devices and FIFOs (/dev/zero, /dev/stdin) could be read forever: only regular files are PNG files.
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw FaceImageError(
                .io, "is not a regular file (a device, FIFO or socket), not a PNG file", fileName: path)
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw FaceImageError(.io, "cannot read the file: \(error.localizedDescription)", fileName: path)
        }
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, limits: PNGDecodingLimits, fileName: String?)
        -> Result<FaceImage, FaceImageError>
    {
        let cLimits = CFaceImagingShims_Limits(
            max_width: UInt32(clamping: limits.maxWidth), max_height: UInt32(clamping: limits.maxHeight),
            max_pixels: UInt64(clamping: limits.maxPixels), max_chunk_bytes: UInt64(clamping: limits.maxChunkBytes),
            strict_checksums: limits.strictChecksums ? 1 : 0)
        let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let decoder = CFaceImagingShims_decoder_create(base, raw.count, cLimits) else {
            return .failure(FaceImageError(.outOfMemory, "out of memory creating the decoder", fileName: fileName))
        }
        defer { CFaceImagingShims_decoder_destroy(decoder) }

        var info = CFaceImagingShims_Info()
        let status = CFaceImagingShims_decoder_read_info(decoder, &info)
        guard status == CFaceImagingShims_OK else {
            return .failure(error(status, decoder, fileName: fileName))
        }
        let format: PixelFormat = info.channels == 1 ? .gray8 : .rgb8
        let width = Int(info.width)
        let height = Int(info.height)
        let count = width * height * format.channels
        var pixelStatus = CFaceImagingShims_OK
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            pixelStatus = CFaceImagingShims_decoder_read_pixels(decoder, buffer.baseAddress, count)
            // On failure libpng may have filled only some rows; the array is discarded, but it must still be
            // fully initialised before it is.
            if pixelStatus != CFaceImagingShims_OK, let start = buffer.baseAddress {
                start.initialize(repeating: 0, count: count)
            }
            initialized = count
        }
        guard pixelStatus == CFaceImagingShims_OK else {
            return .failure(error(pixelStatus, decoder, fileName: fileName))
        }
        return .success(FaceImage(uncheckedWidth: width, height: height, format: format, pixels: pixels))
    }

    private static func error(
        _ status: CFaceImagingShims_Status, _ decoder: OpaquePointer, fileName: String?
    ) -> FaceImageError {
        let message = String(cString: CFaceImagingShims_decoder_message(decoder))
        let warningText = String(cString: CFaceImagingShims_decoder_warnings(decoder))
        let warnings = warningText.isEmpty ? [] : warningText.split(separator: "\n").map(String.init)
        let code: FaceImageError.Code =
            switch status {
            case CFaceImagingShims_NOT_PNG: .notPNG
            case CFaceImagingShims_TRUNCATED: .truncated
            case CFaceImagingShims_TOO_LARGE: .tooLarge
            case CFaceImagingShims_OUT_OF_MEMORY: .outOfMemory
            case CFaceImagingShims_USAGE: .invalidArgument
            default: .corrupt
            }
        let detail = String(cString: CFaceImagingShims_decoder_detail(decoder))
        var text: String
        switch (detail.isEmpty, message.isEmpty) {
        case (true, true): text = "libpng reported an error"
        case (true, false): text = message
        case (false, true): text = detail
        case (false, false): text = "\(detail) (libpng: \(message))"
        }
        // libpng often gives the reason only as warnings ("Invalid IHDR data" after "Invalid color type in IHDR").
        if detail.isEmpty, !warnings.isEmpty {
            text += " (\(warnings.joined(separator: "; ")))"
        }
        return FaceImageError(
            code, text, libpngMessage: message.isEmpty ? nil : message, warnings: warnings, fileName: fileName)
    }

    /// Encodes the image as an 8-bit, non-interlaced gray or RGB PNG through libpng.
    ///
    /// - Parameter compressionLevel: zlib level 0–9 (default 6); other values keep libpng's default.
    /// - Returns: The PNG bytes; decoding them gives back exactly `self`.
    /// - Throws: ``FaceImageError`` (`outOfMemory`, or `corrupt` if libpng refuses).
    /// - Complexity: O(width × height).
    public func pngData(compressionLevel: Int = 6) throws(FaceImageError) -> Data {
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: 512)
        let status = pixels.withUnsafeBufferPointer { buffer in
            CFaceImagingShims_encode(
                buffer.baseAddress, UInt32(width), UInt32(height), UInt32(format.channels), Int32(compressionLevel),
                &output, &size, &message, message.count)
        }
        guard status == CFaceImagingShims_OK, let output else {
            let text = String(decoding: message.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw FaceImageError(
                status == CFaceImagingShims_OUT_OF_MEMORY ? .outOfMemory : .corrupt,
                text.isEmpty ? "libpng could not encode the image" : text, libpngMessage: text)
        }
        return Data(
            bytesNoCopy: output, count: size, deallocator: .custom { pointer, _ in CFaceImagingShims_free(pointer) })
    }

    /// Writes the image to a PNG file, atomically (a temporary file renamed into place).
    ///
    /// - Parameters:
    ///   - path: The file to create or replace.
    ///   - compressionLevel: zlib level 0–9 (default 6).
    /// - Throws: ``FaceImageError`` with code `io` (naming `path`) when the file cannot be written, else as
    ///   ``pngData(compressionLevel:)``.
    public func writePNG(toFile path: String, compressionLevel: Int = 6) throws(FaceImageError) {
        let data = try pngData(compressionLevel: compressionLevel)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FaceImageError(.io, "cannot write the file: \(error.localizedDescription)", fileName: path)
        }
    }

    /// The libpng version facecert is linked against.
    public static var libpngVersion: String { String(cString: CFaceImagingShims_libpng_version()) }
}
