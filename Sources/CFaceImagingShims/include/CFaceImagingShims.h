// The one boundary between Swift and libpng. No libpng type appears in this header: Swift sees opaque
// handles, plain integers and C strings. Every setjmp/png_longjmp and every libpng callback lives in the .c file,
// because Swift cannot be unwound through by longjmp and a returning error callback makes libpng abort.
#ifndef CFACEIMAGINGSHIMS_H
#define CFACEIMAGINGSHIMS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes of the shim. Swift turns them into `FaceImageError.Code` at one place.
typedef enum CFaceImagingShims_Status {
    CFaceImagingShims_OK = 0,
    CFaceImagingShims_NOT_PNG = 1,
    CFaceImagingShims_TRUNCATED = 2,
    CFaceImagingShims_CORRUPT = 3,
    CFaceImagingShims_TOO_LARGE = 4,
    CFaceImagingShims_OUT_OF_MEMORY = 5,
    CFaceImagingShims_USAGE = 6,
} CFaceImagingShims_Status;

/// Limits applied while decoding; zero means "libpng's own default" only where documented in FaceImaging.
typedef struct CFaceImagingShims_Limits {
    uint32_t max_width;
    uint32_t max_height;
    uint64_t max_pixels;
    uint64_t max_chunk_bytes;
    int strict_checksums;
} CFaceImagingShims_Limits;

/// What the decoder learned from IHDR and the transforms it set up.
typedef struct CFaceImagingShims_Info {
    uint32_t width;
    uint32_t height;
    /// Channels of the 8-bit output after the transforms: 1 (gray) or 3 (RGB).
    uint32_t channels;
    /// The file's own PNG colour type and bit depth, for reporting.
    uint32_t color_type;
    uint32_t bit_depth;
    uint32_t interlaced;
} CFaceImagingShims_Info;

typedef struct CFaceImagingShims_Decoder CFaceImagingShims_Decoder;

/// Creates a decoder over `size` bytes at `data` (not copied: they must outlive the decoder).
/// Returns NULL only when memory is exhausted.
CFaceImagingShims_Decoder *CFaceImagingShims_decoder_create(const uint8_t *data, size_t size,
                                                            CFaceImagingShims_Limits limits);
/// Reads the signature and every chunk up to the image data, applies the limits and sets up the
/// documented transforms (low bit depths scaled to 8, 16 → 8 by high byte, alpha dropped; palette images are
/// read as indices and expanded to RGB by read_pixels, which rejects an index beyond the PLTE).
CFaceImagingShims_Status CFaceImagingShims_decoder_read_info(CFaceImagingShims_Decoder *decoder,
                                                             CFaceImagingShims_Info *info);
/// Decodes every row into `pixels` (width * height * channels bytes, row-major, no padding) and reads to IEND.
CFaceImagingShims_Status CFaceImagingShims_decoder_read_pixels(CFaceImagingShims_Decoder *decoder,
                                                               uint8_t *pixels, size_t capacity);
/// libpng's error message for the last failure (empty when none). Owned by the decoder.
const char *CFaceImagingShims_decoder_message(const CFaceImagingShims_Decoder *decoder);
/// facecert's own explanation of the last failure when libpng's text lacks it (which limit, the sizes, what to
/// do), else empty. Owned by the decoder.
const char *CFaceImagingShims_decoder_detail(const CFaceImagingShims_Decoder *decoder);
/// Warnings libpng raised so far, one per line (empty when none). Owned by the decoder.
const char *CFaceImagingShims_decoder_warnings(const CFaceImagingShims_Decoder *decoder);
void CFaceImagingShims_decoder_destroy(CFaceImagingShims_Decoder *decoder);

/// Encodes 8-bit gray (channels 1) or RGB (channels 3) pixels as a non-interlaced PNG.
/// On success `*out` holds a malloc'ed buffer of `*out_size` bytes that the caller frees with
/// `CFaceImagingShims_free`. On failure `message` (capacity `message_capacity`) holds libpng's text.
CFaceImagingShims_Status CFaceImagingShims_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                                                  uint32_t channels, int compression_level, uint8_t **out,
                                                  size_t *out_size, char *message, size_t message_capacity);
void CFaceImagingShims_free(void *pointer);

/// The libpng version the shim was linked against, e.g. "1.6.39".
const char *CFaceImagingShims_libpng_version(void);

#ifdef __cplusplus
}
#endif

#endif
