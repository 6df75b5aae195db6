/// Limits that protect the harness from hostile PNG files.
///
/// The defaults suit face images: no real face photo needs more than 16,384 pixels a side or 64 megapixels.
/// A header that exceeds a limit is refused before any pixel memory is allocated.
public struct PNGDecodingLimits: Sendable, Hashable {
    /// Largest accepted width in pixels (libpng `png_set_user_limits`). Default 16,384.
    public var maxWidth: Int
    /// Largest accepted height in pixels (libpng `png_set_user_limits`). Default 16,384.
    public var maxHeight: Int
    /// Largest accepted `width * height`. Default 64 Mpx (64 × 2^20). Checked on the header, before any pixel
    /// memory is allocated.
    public var maxPixels: Int
    /// Largest ancillary chunk read, in bytes (libpng `png_set_chunk_malloc_max`). Default 8 MiB.
    ///
    /// A longer ancillary chunk is skipped without being read into memory (libpng treats it as a benign error);
    /// a longer IDAT chunk than the image can need fails with `tooLarge`. Independently of this limit, text,
    /// ICC, EXIF and other ancillary chunks facecert never uses are skipped without being inflated, so zTXt,
    /// iTXt and iCCP decompression bombs cost only the time to read past them. Zero removes this limit.
    public var maxChunkBytes: Int
    /// Treat a CRC or Adler-32 mismatch in any chunk as an error (default `true`). When `false`, libpng's
    /// lenient handling applies: bad ancillary chunks are dropped with a warning.
    public var strictChecksums: Bool

    /// Limits with the given values; every parameter defaults to the value documented on its property.
    public init(
        maxWidth: Int = 16_384, maxHeight: Int = 16_384, maxPixels: Int = 64 << 20, maxChunkBytes: Int = 8 << 20,
        strictChecksums: Bool = true
    ) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
        self.maxChunkBytes = maxChunkBytes
        self.strictChecksums = strictChecksums
    }

    /// The defaults above.
    public static let `default` = PNGDecodingLimits()
}
