// A plain libpng decoder, as a C program would write it, with the same settings and transforms as
// CFaceImagingShims so the benchmark compares the Swift layer's overhead and nothing else.
#include "CLibPNGBaseline.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct Source {
    const uint8_t *data;
    size_t size;
    size_t offset;
} Source;

static void baseline_read(png_structp png, png_bytep out, size_t length) {
    Source *source = (Source *)png_get_io_ptr(png);
    if (length > source->size - source->offset) png_error(png, "truncated");
    memcpy(out, source->data + source->offset, length);
    source->offset += length;
}

static void baseline_error(png_structp png, png_const_charp text) {
    (void)text;
    png_longjmp(png, 1);
}

static void baseline_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

int CLibPNGBaseline_decode(const uint8_t *data, size_t size, uint8_t **pixels, uint32_t *width, uint32_t *height,
                           uint32_t *channels) {
    Source source = {data, size, 0};
    uint8_t *volatile buffer = NULL;
    png_bytep *volatile rows = NULL;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, baseline_error, baseline_warning);
    if (png == NULL) return -1;
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        free(buffer);
        return -1;
    }
    png_set_read_fn(png, &source, baseline_read);
    png_set_user_limits(png, 16384, 16384);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    int color_type = png_get_color_type(png, info), bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (bit_depth == 16) png_set_strip_16(png);
    png_set_strip_alpha(png);
    (void)png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    buffer = malloc(row_bytes * h);
    rows = malloc(sizeof(png_bytep) * h);
    if (buffer == NULL || rows == NULL) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; y++) rows[y] = buffer + (size_t)y * row_bytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    *channels = png_get_channels(png, info);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    *pixels = buffer;
    *width = w;
    *height = h;
    return 0;
}

void CLibPNGBaseline_free(void *pointer) { free(pointer); }
