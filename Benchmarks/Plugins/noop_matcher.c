/* A C plugin that does nothing: the benchmark's measure of pure adapter cost. */
#include "facecert_matcher.h"
#include <stdlib.h>

struct facecert_matcher { int unused; };
uint32_t facecert_matcher_api_version(void) { return FACECERT_MATCHER_API_VERSION; }
facecert_status facecert_matcher_create(facecert_matcher **out, char *message, size_t capacity) {
    (void)message; (void)capacity;
    *out = calloc(1, sizeof **out);
    return *out ? FACECERT_OK : FACECERT_VENDOR_ERROR;
}
void facecert_matcher_destroy(facecert_matcher *matcher) { free(matcher); }
facecert_status facecert_matcher_describe(const facecert_matcher *matcher, facecert_description *out) {
    (void)matcher;
    out->name = "noop"; out->version = "1.0.0"; out->vendor = "facecert";
    out->score_kind = FACECERT_SCORE_SIMILARITY; out->symmetric = 1;
    return FACECERT_OK;
}
facecert_status facecert_matcher_create_template(facecert_matcher *matcher, const facecert_image *image, int32_t role,
                                                 facecert_template_output *out, char *message, size_t capacity) {
    (void)matcher; (void)image; (void)role; (void)message; (void)capacity;
    out->bytes = calloc(1, 1);
    out->length = 1;
    return FACECERT_OK;
}
void facecert_matcher_free_template(facecert_matcher *matcher, uint8_t *bytes) { (void)matcher; free(bytes); }
facecert_status facecert_matcher_compare(facecert_matcher *matcher, const uint8_t *v, size_t vl, const uint8_t *e,
                                         size_t el, double *score, char *message, size_t capacity) {
    (void)matcher; (void)v; (void)vl; (void)e; (void)el; (void)message; (void)capacity;
    *score = 0.0;
    return FACECERT_OK;
}
