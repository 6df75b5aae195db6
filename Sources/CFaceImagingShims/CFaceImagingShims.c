// All of facecert's libpng use. See include/CFaceImagingShims.h for the contract.
#include "CFaceImagingShims.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MESSAGE_CAPACITY = 512, WARNINGS_CAPACITY = 2048 };

struct CFaceImagingShims_Decoder {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    CFaceImagingShims_Limits limits;
    int truncated;
    int too_large;
    int user_limit_tripped;
    int checksum_mismatch;
    int info_read;
    // Palette images are read as one index a byte and expanded here, so that an index beyond the PLTE (an error
    // by the PNG specification, which libpng silently turns into black) is caught.
    int expand_palette;
    int palette_entries;
    png_color palette[256];
    png_bytep *rows;
    char message[MESSAGE_CAPACITY];
    char detail[MESSAGE_CAPACITY];
    char warnings[WARNINGS_CAPACITY];
    size_t warnings_length;
};

static void copy_message(char *destination, size_t capacity, const char *text) {
    if (capacity == 0) return;
    if (text == NULL) text = "";
    size_t length = strlen(text);
    if (length >= capacity) length = capacity - 1;
    memcpy(destination, text, length);
    destination[length] = '\0';
}

// libpng's error callback: remember the text and jump back to the setjmp in the calling shim function.
// It must not return (libpng would abort the process).
static void decoder_error(png_structp png, png_const_charp text) {
    CFaceImagingShims_Decoder *decoder = (CFaceImagingShims_Decoder *)png_get_error_ptr(png);
    if (decoder != NULL && decoder->message[0] == '\0') {
        copy_message(decoder->message, sizeof decoder->message, text);
    }
    png_longjmp(png, 1);
}

// libpng's warning callback: collect instead of printing to stderr.
static void decoder_warning(png_structp png, png_const_charp text) {
    CFaceImagingShims_Decoder *decoder = (CFaceImagingShims_Decoder *)png_get_error_ptr(png);
    if (decoder == NULL || text == NULL) return;
    // png_check_IHDR warns "Image width exceeds user limit in IHDR" (or height), then errors with only
    // "Invalid IHDR data": the warning is the one place the real reason appears.
    if (strstr(text, "user limit") != NULL) {
        decoder->too_large = 1;
        decoder->user_limit_tripped = 1;
    }
    // zlib's text for an Adler-32 mismatch. libpng raises it as a benign error (a warning) once every row has
    // been decoded, so without this strict checking would silently accept a corrupted stream.
    if (strstr(text, "incorrect data check") != NULL) decoder->checksum_mismatch = 1;
    size_t length = strlen(text);
    size_t room = sizeof decoder->warnings - decoder->warnings_length;
    if (room <= 1) return;
    if (decoder->warnings_length > 0) {
        decoder->warnings[decoder->warnings_length++] = '\n';
        room -= 1;
    }
    if (length >= room) length = room - 1;
    memcpy(decoder->warnings + decoder->warnings_length, text, length);
    decoder->warnings_length += length;
    decoder->warnings[decoder->warnings_length] = '\0';
}

static void decoder_read(png_structp png, png_bytep out, size_t length) {
    CFaceImagingShims_Decoder *decoder = (CFaceImagingShims_Decoder *)png_get_io_ptr(png);
    if (length > decoder->size - decoder->offset) {
        decoder->truncated = 1;
        char text[MESSAGE_CAPACITY];
        snprintf(text, sizeof text,
                 "the data ends after %zu bytes, inside the PNG stream: the file is truncated (an interrupted "
                 "download or copy); fetch it again",
                 decoder->size);
        png_error(png, text);
    }
    memcpy(out, decoder->data + decoder->offset, length);
    decoder->offset += length;
}

static uint32_t big_endian_32(const uint8_t *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | (uint32_t)bytes[3];
}

// Turns the recorded failure into a status, and writes `detail` (what was exceeded, by how much, what to do)
// when libpng's own text does not say it. Called only after a png_longjmp back into a shim function.
static CFaceImagingShims_Status classify(CFaceImagingShims_Decoder *decoder) {
    if (decoder->truncated) return CFaceImagingShims_TRUNCATED;
    if (decoder->user_limit_tripped) {
        // libpng stopped inside IHDR, which it had read whole: it is the first chunk, at bytes 8..33.
        if (decoder->size >= 24 && memcmp(decoder->data + 12, "IHDR", 4) == 0) {
            snprintf(decoder->detail, sizeof decoder->detail,
                     "the header declares %ux%u pixels, more than the limit of %ux%u pixels a side "
                     "(PNGDecodingLimits.maxWidth/maxHeight); raise the limits only for trusted files",
                     (unsigned)big_endian_32(decoder->data + 16), (unsigned)big_endian_32(decoder->data + 20),
                     (unsigned)decoder->limits.max_width, (unsigned)decoder->limits.max_height);
        }
        return CFaceImagingShims_TOO_LARGE;
    }
    if (decoder->too_large) return CFaceImagingShims_TOO_LARGE;
    const char *m = decoder->message;
    if (strstr(m, "Out of memory") != NULL || strstr(m, "out of memory") != NULL ||
        strstr(m, "insufficient memory") != NULL) {
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    if (strstr(m, "chunk data is too large") != NULL) {
        // png_check_chunk_length refused the length just read, before reading the data: the length field is the
        // 8 bytes before the current offset. A length the input cannot hold means the data ends first.
        if (decoder->offset >= 8) {
            uint32_t length = big_endian_32(decoder->data + decoder->offset - 8);
            if ((size_t)length > decoder->size - decoder->offset) {
                snprintf(decoder->detail, sizeof decoder->detail,
                         "a chunk declares %u bytes but only %zu bytes of input remain", (unsigned)length,
                         decoder->size - decoder->offset);
                return CFaceImagingShims_TRUNCATED;
            }
            if (memcmp(decoder->data + decoder->offset - 4, "IDAT", 4) == 0) {
                // libpng allows an IDAT chunk the larger of maxChunkBytes and what the image can need.
                snprintf(decoder->detail, sizeof decoder->detail,
                         "a %u-byte IDAT chunk is larger than this image's pixels can need and than the limit "
                         "of %llu bytes (PNGDecodingLimits.maxChunkBytes)",
                         (unsigned)length, (unsigned long long)decoder->limits.max_chunk_bytes);
            } else {
                snprintf(decoder->detail, sizeof decoder->detail,
                         "a %u-byte chunk is larger than the limit of %llu bytes (PNGDecodingLimits.maxChunkBytes)",
                         (unsigned)length, (unsigned long long)decoder->limits.max_chunk_bytes);
            }
        }
        return CFaceImagingShims_TOO_LARGE;
    }
    if (strstr(m, "exceeds") != NULL && strstr(m, "limit") != NULL) return CFaceImagingShims_TOO_LARGE;
    if (strstr(m, "too large") != NULL) return CFaceImagingShims_TOO_LARGE;
    return CFaceImagingShims_CORRUPT;
}

CFaceImagingShims_Decoder *CFaceImagingShims_decoder_create(const uint8_t *data, size_t size,
                                                            CFaceImagingShims_Limits limits) {
    CFaceImagingShims_Decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) return NULL;
    decoder->data = data;
    decoder->size = size;
    decoder->limits = limits;
    return decoder;
}

// Ancillary chunks facecert never uses; libpng skips them without inflating them (no zTXt/iCCP bombs).
static const png_byte ignored_chunks[] = {
    'z', 'T', 'X', 't', '\0', 'i', 'T', 'X', 't', '\0', 't', 'E', 'X', 't', '\0', 'i', 'C', 'C', 'P', '\0',
    's', 'P', 'L', 'T', '\0', 'e', 'X', 'I', 'f', '\0', 't', 'I', 'M', 'E', '\0', 'h', 'I', 'S', 'T', '\0',
    'p', 'H', 'Y', 's', '\0', 's', 'C', 'A', 'L', '\0', 'p', 'C', 'A', 'L', '\0', 'o', 'F', 'F', 's', '\0',
};

CFaceImagingShims_Status CFaceImagingShims_decoder_read_info(CFaceImagingShims_Decoder *decoder,
                                                             CFaceImagingShims_Info *out) {
    if (decoder == NULL || out == NULL || decoder->png != NULL) return CFaceImagingShims_USAGE;
    static const uint8_t signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
    size_t compared = decoder->size < 8 ? decoder->size : 8;
    if (decoder->size == 0) {
        copy_message(decoder->message, sizeof decoder->message, "empty input: no PNG signature");
        return CFaceImagingShims_NOT_PNG;
    }
    if (memcmp(decoder->data, signature, compared) != 0) {
        if (compared >= 4 && memcmp(decoder->data, signature, 4) == 0) {
            copy_message(decoder->message, sizeof decoder->message,
                         "not a valid PNG file: bytes 5-8 of the PNG signature are damaged (as a "
                         "text-mode transfer rewriting line endings does); fetch the file again in binary mode");
        } else {
            copy_message(decoder->message, sizeof decoder->message,
                         "not a PNG file: the 8-byte PNG signature is missing");
        }
        return CFaceImagingShims_NOT_PNG;
    }
    if (compared < 8) {
        copy_message(decoder->message, sizeof decoder->message, "truncated inside the PNG signature");
        return CFaceImagingShims_TRUNCATED;
    }

    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, decoder, decoder_error, decoder_warning);
    if (decoder->png == NULL) {
        copy_message(decoder->message, sizeof decoder->message, "out of memory creating the libpng reader");
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    // Armed before any further libpng call. Only `decoder` (never reassigned here) is used after a png_longjmp,
    // so no local needs to be volatile.
    if (setjmp(png_jmpbuf(decoder->png))) {
        return classify(decoder);
    }
    decoder->info = png_create_info_struct(decoder->png);
    if (decoder->info == NULL) {
        copy_message(decoder->message, sizeof decoder->message, "out of memory creating the libpng info");
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    png_set_read_fn(decoder->png, decoder, decoder_read);
    png_set_user_limits(decoder->png, decoder->limits.max_width, decoder->limits.max_height);
    png_set_chunk_malloc_max(decoder->png, (png_alloc_size_t)decoder->limits.max_chunk_bytes);
    png_set_chunk_cache_max(decoder->png, 1000);
    png_set_keep_unknown_chunks(decoder->png, PNG_HANDLE_CHUNK_NEVER, ignored_chunks,
                                (int)(sizeof ignored_chunks / 5));
    if (decoder->limits.strict_checksums) {
        // A bad CRC in any chunk, critical or ancillary (even one skipped unread), is an error. zlib verifies
        // Adler-32 by default (PNG_IGNORE_ADLER32 stays unset); should libpng report a mismatch only as a benign
        // warning (after the last row), read_pixels escalates it (see decoder_warning).
        png_set_crc_action(decoder->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    } else {
        // libpng's lenient mode: use critical chunks despite a bad CRC, drop bad ancillary ones, skip Adler-32.
        png_set_crc_action(decoder->png, PNG_CRC_WARN_USE, PNG_CRC_WARN_DISCARD);
#if defined(PNG_SET_OPTION_SUPPORTED) && defined(PNG_IGNORE_ADLER32)
        // `onoff` is a boolean: passing PNG_OPTION_OFF (2) would turn the option ON.
        png_set_option(decoder->png, PNG_IGNORE_ADLER32, 1);
#endif
    }
    png_read_info(decoder->png, decoder->info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(decoder->png, decoder->info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    if ((uint64_t)width * (uint64_t)height > decoder->limits.max_pixels) {
        decoder->too_large = 1;
        snprintf(decoder->detail, sizeof decoder->detail,
                 "the header declares %ux%u = %llu pixels, more than the limit of %llu pixels "
                 "(PNGDecodingLimits.maxPixels); raise the limit only for trusted files",
                 (unsigned)width, (unsigned)height, (unsigned long long)width * height,
                 (unsigned long long)decoder->limits.max_pixels);
        return CFaceImagingShims_TOO_LARGE;
    }

    // Documented conversion rules (FaceImaging "Conversion rules"): every type to 8 bits per channel.
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        // One byte per index; read_pixels expands to RGB itself (tRNS is never consulted, so alpha never exists).
        png_colorp palette = NULL;
        int entries = 0;
        if (png_get_PLTE(decoder->png, decoder->info, &palette, &entries) != PNG_INFO_PLTE || palette == NULL ||
            entries <= 0 || entries > 256) {
            copy_message(decoder->message, sizeof decoder->message, "palette image without a usable PLTE chunk");
            return CFaceImagingShims_CORRUPT;
        }
        memcpy(decoder->palette, palette, (size_t)entries * sizeof(png_color));
        decoder->palette_entries = entries;
        decoder->expand_palette = 1;
        if (bit_depth < 8) png_set_packing(decoder->png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(decoder->png);
    if (bit_depth == 16) png_set_strip_16(decoder->png);
    // tRNS is never turned into alpha for gray/RGB; for palettes libpng adds alpha, which is stripped below.
    png_set_strip_alpha(decoder->png);
    (void)png_set_interlace_handling(decoder->png);
    png_read_update_info(decoder->png, decoder->info);

    out->width = width;
    out->height = height;
    out->channels = decoder->expand_palette ? 3 : png_get_channels(decoder->png, decoder->info);
    out->color_type = (uint32_t)color_type;
    out->bit_depth = (uint32_t)bit_depth;
    out->interlaced = interlace != PNG_INTERLACE_NONE;
    if (png_get_bit_depth(decoder->png, decoder->info) != 8 || (out->channels != 1 && out->channels != 3) ||
        (decoder->expand_palette && png_get_channels(decoder->png, decoder->info) != 1)) {
        copy_message(decoder->message, sizeof decoder->message,
                     "internal: libpng transforms did not give 8-bit gray, RGB or palette indices");
        return CFaceImagingShims_CORRUPT;
    }
    decoder->info_read = 1;
    return CFaceImagingShims_OK;
}

CFaceImagingShims_Status CFaceImagingShims_decoder_read_pixels(CFaceImagingShims_Decoder *decoder, uint8_t *pixels,
                                                               size_t capacity) {
    if (decoder == NULL || !decoder->info_read || pixels == NULL) return CFaceImagingShims_USAGE;
    png_uint_32 width = png_get_image_width(decoder->png, decoder->info);
    png_uint_32 height = png_get_image_height(decoder->png, decoder->info);
    size_t row_bytes = png_get_rowbytes(decoder->png, decoder->info);
    // Rows sit at their final RGB stride even when libpng writes only the indices at the start of each.
    size_t stride = decoder->expand_palette ? (size_t)width * 3 : row_bytes;
    if (stride * (size_t)height > capacity || row_bytes > stride || height == 0 || width == 0) {
        return CFaceImagingShims_USAGE;
    }
    decoder->rows = malloc(sizeof(png_bytep) * height);
    if (decoder->rows == NULL) {
        copy_message(decoder->message, sizeof decoder->message, "out of memory for row pointers");
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    for (png_uint_32 y = 0; y < height; y++) decoder->rows[y] = pixels + (size_t)y * stride;
    if (setjmp(png_jmpbuf(decoder->png))) {
        return classify(decoder);
    }
    png_read_image(decoder->png, decoder->rows);
    png_read_end(decoder->png, NULL);
    if (decoder->expand_palette) {
        const unsigned entries = (unsigned)decoder->palette_entries;
        for (png_uint_32 y = 0; y < height; y++) {
            uint8_t *row = decoder->rows[y];
            // Backwards, so each index is read before its RGB triple (at 3x >= x) overwrites it.
            for (png_uint_32 x = width; x-- > 0;) {
                unsigned index = row[x];
                if (index >= entries) {
                    snprintf(decoder->detail, sizeof decoder->detail,
                             "pixel (%u, %u) uses palette index %u, beyond the %u-entry PLTE (an error by the PNG "
                             "specification); re-export the image",
                             (unsigned)x, (unsigned)y, index, entries);
                    return CFaceImagingShims_CORRUPT;
                }
                png_color colour = decoder->palette[index];
                row[3 * x] = colour.red;
                row[3 * x + 1] = colour.green;
                row[3 * x + 2] = colour.blue;
            }
        }
    }
    if (decoder->checksum_mismatch && decoder->limits.strict_checksums) {
        copy_message(decoder->message, sizeof decoder->message, "IDAT: incorrect data check");
        copy_message(decoder->detail, sizeof decoder->detail,
                     "the Adler-32 checksum of the compressed image data does not match: the data is corrupted");
        return CFaceImagingShims_CORRUPT;
    }
    return CFaceImagingShims_OK;
}

const char *CFaceImagingShims_decoder_message(const CFaceImagingShims_Decoder *decoder) {
    return decoder == NULL ? "" : decoder->message;
}

const char *CFaceImagingShims_decoder_detail(const CFaceImagingShims_Decoder *decoder) {
    return decoder == NULL ? "" : decoder->detail;
}

const char *CFaceImagingShims_decoder_warnings(const CFaceImagingShims_Decoder *decoder) {
    return decoder == NULL ? "" : decoder->warnings;
}

void CFaceImagingShims_decoder_destroy(CFaceImagingShims_Decoder *decoder) {
    if (decoder == NULL) return;
    if (decoder->png != NULL) png_destroy_read_struct(&decoder->png, &decoder->info, NULL);
    free(decoder->rows);
    free(decoder);
}

// ---- Writing --------------------------------------------------------------------------------------------------

typedef struct Encoder {
    uint8_t *buffer;
    size_t size;
    size_t capacity;
    int out_of_memory;
    char message[MESSAGE_CAPACITY];
} Encoder;

static void encoder_error(png_structp png, png_const_charp text) {
    Encoder *encoder = (Encoder *)png_get_error_ptr(png);
    if (encoder != NULL && encoder->message[0] == '\0') copy_message(encoder->message, sizeof encoder->message, text);
    png_longjmp(png, 1);
}

static void encoder_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void encoder_write(png_structp png, png_bytep data, size_t length) {
    Encoder *encoder = (Encoder *)png_get_io_ptr(png);
    if (encoder->size + length > encoder->capacity) {
        size_t capacity = encoder->capacity == 0 ? 4096 : encoder->capacity;
        while (capacity < encoder->size + length) capacity *= 2;
        uint8_t *grown = realloc(encoder->buffer, capacity);
        if (grown == NULL) {
            encoder->out_of_memory = 1;
            png_error(png, "out of memory growing the output buffer");
        }
        encoder->buffer = grown;
        encoder->capacity = capacity;
    }
    memcpy(encoder->buffer + encoder->size, data, length);
    encoder->size += length;
}

static void encoder_flush(png_structp png) { (void)png; }

CFaceImagingShims_Status CFaceImagingShims_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                                                  uint32_t channels, int compression_level, uint8_t **out,
                                                  size_t *out_size, char *message, size_t message_capacity) {
    if (pixels == NULL || out == NULL || out_size == NULL || (channels != 1 && channels != 3) || width == 0 ||
        height == 0) {
        copy_message(message, message_capacity, "invalid arguments to the PNG encoder");
        return CFaceImagingShims_USAGE;
    }
    *out = NULL;
    *out_size = 0;
    // The encoder state is on the heap and reached through a pointer that is never reassigned, so its fields,
    // which libpng's callbacks change between setjmp and png_longjmp, are still valid after the jump.
    Encoder *const encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) {
        copy_message(message, message_capacity, "out of memory creating the encoder");
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    png_bytep *volatile rows = NULL;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, encoder, encoder_error, encoder_warning);
    if (png == NULL) {
        free(encoder);
        copy_message(message, message_capacity, "out of memory creating the libpng writer");
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        free(encoder);
        copy_message(message, message_capacity, "out of memory creating the libpng info");
        return CFaceImagingShims_OUT_OF_MEMORY;
    }
    // `png` and `info` are not reassigned after this point; `rows` is volatile because it is.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(rows);
        free(encoder->buffer);
        copy_message(message, message_capacity, encoder->message);
        CFaceImagingShims_Status status =
            encoder->out_of_memory ? CFaceImagingShims_OUT_OF_MEMORY : CFaceImagingShims_CORRUPT;
        free(encoder);
        return status;
    }
    rows = malloc(sizeof(png_bytep) * height);
    if (rows == NULL) {
        encoder->out_of_memory = 1;
        png_error(png, "out of memory for row pointers");
    }
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * width * channels);
    png_set_write_fn(png, encoder, encoder_write, encoder_flush);
    if (compression_level >= 0 && compression_level <= 9) png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, width, height, 8, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    *out = encoder->buffer;
    *out_size = encoder->size;
    free(encoder);
    return CFaceImagingShims_OK;
}

void CFaceImagingShims_free(void *pointer) { free(pointer); }

const char *CFaceImagingShims_libpng_version(void) { return png_get_libpng_ver(NULL); }
