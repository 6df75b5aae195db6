/*
 * tiny_matcher.c — the example facecert matcher plugin in C: a tiny deterministic matcher, not a face matcher.
 *
 * Template: 64 bytes, the mean byte value (all channels) of each cell of an 8 x 8 grid over the image;
 * cell (gx, gy) spans x in [gx*w/8, (gx+1)*w/8) and y in [gy*h/8, (gy+1)*h/8), integer division throughout.
 * Images smaller than 8 x 8 are refused. Score: similarity 1 - sum|a_i - b_i| / (64 * 255), symmetric.
 * The Swift (TinyMatcher) and Python (plugins/python/examples/tiny_matcher.py) versions give identical scores.
 *
 * Build: cc -shared -fPIC -I plugins/c/include plugins/c/examples/tiny_matcher.c -o tiny_matcher.so
 * Run:   facecert plugin validate --matcher lib:./tiny_matcher.so
 */
#include "facecert_matcher.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TINY_GRID 8
#define TINY_TEMPLATE_LENGTH (TINY_GRID * TINY_GRID)

struct facecert_matcher {
    int unused;
};

uint32_t facecert_matcher_api_version(void) { return FACECERT_MATCHER_API_VERSION; }

facecert_status facecert_matcher_create(facecert_matcher **out, char *message, size_t message_capacity) {
    *out = calloc(1, sizeof(facecert_matcher));
    if (*out == NULL) {
        snprintf(message, message_capacity, "out of memory");
        return FACECERT_VENDOR_ERROR;
    }
    return FACECERT_OK;
}

void facecert_matcher_destroy(facecert_matcher *matcher) { free(matcher); }

facecert_status facecert_matcher_describe(const facecert_matcher *matcher, facecert_description *out) {
    (void)matcher;
    out->name = "tiny";
    out->version = "1.0.0";
    out->vendor = "facecert";
    out->score_kind = FACECERT_SCORE_SIMILARITY;
    out->has_declared_threshold = 1;
    out->declared_threshold = 0.9;
    out->symmetric = 1;
    return FACECERT_OK;
}

facecert_status facecert_matcher_create_template(
    facecert_matcher *matcher, const facecert_image *image, int32_t role, facecert_template_output *out,
    char *message, size_t message_capacity) {
    (void)matcher;
    (void)role;
    const size_t w = image->width, h = image->height, c = (size_t)image->format;
    if (w < TINY_GRID || h < TINY_GRID) {
        snprintf(message, message_capacity, "image %zux%zu is smaller than 8x8", w, h);
        return FACECERT_REFUSE_INPUT;
    }
    uint8_t *bytes = malloc(TINY_TEMPLATE_LENGTH);
    if (bytes == NULL) {
        snprintf(message, message_capacity, "out of memory");
        return FACECERT_TEMPLATE_CREATION_ERROR;
    }
    for (size_t gy = 0; gy < TINY_GRID; gy++) {
        const size_t y0 = gy * h / TINY_GRID, y1 = (gy + 1) * h / TINY_GRID;
        for (size_t gx = 0; gx < TINY_GRID; gx++) {
            const size_t x0 = gx * w / TINY_GRID, x1 = (gx + 1) * w / TINY_GRID;
            uint64_t sum = 0;
            for (size_t y = y0; y < y1; y++) {
                const uint8_t *row = image->pixels + (y * w + x0) * c;
                for (size_t i = 0; i < (x1 - x0) * c; i++) sum += row[i];
            }
            bytes[gy * TINY_GRID + gx] = (uint8_t)(sum / ((y1 - y0) * (x1 - x0) * c));
        }
    }
    out->bytes = bytes;
    out->length = TINY_TEMPLATE_LENGTH;
    return FACECERT_OK;
}

void facecert_matcher_free_template(facecert_matcher *matcher, uint8_t *bytes) {
    (void)matcher;
    free(bytes);
}

facecert_status facecert_matcher_compare(
    facecert_matcher *matcher, const uint8_t *verification, size_t verification_length, const uint8_t *enrolment,
    size_t enrolment_length, double *score, char *message, size_t message_capacity) {
    (void)matcher;
    if (verification_length != TINY_TEMPLATE_LENGTH || enrolment_length != TINY_TEMPLATE_LENGTH) {
        snprintf(message, message_capacity, "templates must be %d bytes, got %zu and %zu", TINY_TEMPLATE_LENGTH,
                 verification_length, enrolment_length);
        return FACECERT_TEMPLATE_FORMAT_ERROR;
    }
    uint32_t sum = 0;
    for (size_t i = 0; i < TINY_TEMPLATE_LENGTH; i++) {
        sum += (uint32_t)abs((int)verification[i] - (int)enrolment[i]);
    }
    *score = 1.0 - (double)sum / (double)(TINY_TEMPLATE_LENGTH * 255);
    return FACECERT_OK;
}
