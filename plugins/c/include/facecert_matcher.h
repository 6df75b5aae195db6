/*
 * facecert_matcher.h — the C ABI of a facecert matcher plugin (a shared library loaded with dlopen).
 *
 * A plugin is a shared library that exports every function declared below with C linkage. facecert checks
 * facecert_matcher_api_version() == FACECERT_MATCHER_API_VERSION and resolves every symbol before the first call,
 * and refuses the library with a message naming what is missing.
 *
 * By default facecert never runs a plugin in its own address space: the library is loaded by a small host
 * process (facecert-plugin-host) that speaks the wire protocol of docs/plugin-protocol.md, so a crash or a hang
 * in the plugin kills only that process, which facecert records and restarts. `lib-inprocess:PATH` loads the
 * library into facecert itself, for debugging and benchmarks only.
 *
 * Threads: one facecert_matcher instance is never used by two threads at once. facecert may create several
 * instances (one per worker) in one process, so a plugin must not keep per-call state in globals.
 *
 * Memory: every pointer facecert passes in is owned by facecert and valid only for the duration of the call.
 * Template bytes are allocated by the plugin (with any allocator) and returned in facecert_template_output;
 * facecert copies them and then releases them with facecert_matcher_free_template(), exactly once, on the same
 * instance. Messages are written by the plugin into a caller-provided buffer of `message_capacity` bytes
 * (NUL-terminated, truncated to fit); the buffer is always at least FACECERT_MESSAGE_CAPACITY bytes.
 *
 * Blindness: a plugin sees pixels and template bytes only — never file names, identities or pair labels.
 * Modelled on NIST FRTE 1:1 (createFaceTemplate / matchTemplates) and its ReturnCode values.
 */
#ifndef FACECERT_MATCHER_H
#define FACECERT_MATCHER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes. facecert refuses a library reporting another one. */
#define FACECERT_MATCHER_API_VERSION 1u

/** The smallest message buffer facecert passes (bytes, including the terminating NUL). */
#define FACECERT_MESSAGE_CAPACITY 1024u

/** Outcomes, mirroring facecert's MatcherError codes and NIST FRTE ReturnCode. Same numbers on the wire. */
typedef enum facecert_status {
    FACECERT_OK = 0,                       /* success */
    FACECERT_REFUSE_INPUT = 1,             /* input not usable (several faces, too small): refusal */
    FACECERT_FACE_DETECTION_ERROR = 2,     /* no face found: refusal */
    FACECERT_EXTRACT_ERROR = 3,            /* face found but no features extracted */
    FACECERT_TEMPLATE_CREATION_ERROR = 4,  /* template not created for another reason */
    FACECERT_TEMPLATE_FORMAT_ERROR = 5,    /* a template passed to compare cannot be parsed */
    FACECERT_MATCH_ERROR = 6,              /* the comparison failed */
    FACECERT_VENDOR_ERROR = 7              /* any other vendor-defined failure */
} facecert_status;

/** How to read scores: similarity (larger = more alike) or distance (smaller = more alike, never negative). */
typedef enum facecert_score_kind {
    FACECERT_SCORE_SIMILARITY = 0,
    FACECERT_SCORE_DISTANCE = 1
} facecert_score_kind;

/** The side of a comparison a template is made for. */
typedef enum facecert_role {
    FACECERT_ROLE_ENROLMENT = 0,     /* reference, e.g. the photo on an identity card */
    FACECERT_ROLE_VERIFICATION = 1   /* probe, e.g. a live capture */
} facecert_role;

/** Pixel layout: 8 bits per channel, row-major, top row first, no row padding. */
typedef enum facecert_pixel_format {
    FACECERT_PIXELS_GRAY8 = 1,  /* one byte a pixel */
    FACECERT_PIXELS_RGB8 = 3    /* three bytes a pixel: red, green, blue */
} facecert_pixel_format;

/** Who the matcher is. The strings are owned by the plugin and must stay valid until destroy. */
typedef struct facecert_description {
    const char *name;              /* non-empty, UTF-8 */
    const char *version;           /* non-empty, UTF-8 */
    const char *vendor;            /* non-empty, UTF-8 */
    int32_t score_kind;            /* a facecert_score_kind */
    int32_t has_declared_threshold;/* 1 when declared_threshold is meaningful */
    double declared_threshold;     /* the vendor's operating threshold (inclusive) */
    int32_t symmetric;             /* 1 when compare(a, b) == compare(b, a) is promised */
} facecert_description;

/** One image. pixels_length == width * height * format. */
typedef struct facecert_image {
    uint32_t width;
    uint32_t height;
    int32_t format;                /* a facecert_pixel_format */
    const uint8_t *pixels;
    size_t pixels_length;
} facecert_image;

/** What facecert_matcher_create_template fills in. facecert zeroes it before the call. */
typedef struct facecert_template_output {
    uint8_t *bytes;                /* allocated by the plugin; released with facecert_matcher_free_template */
    size_t length;                 /* may be 0 (then bytes may be NULL) */
    int32_t has_eyes;              /* 1 when the eye centres below are set */
    double left_eye_x, left_eye_y;   /* the eye on the image's left side, pixels, origin top-left */
    double right_eye_x, right_eye_y;
    int32_t has_quality;           /* 1 when quality is set */
    double quality;                /* 0...100, ISO/IEC 29794-1 convention */
} facecert_template_output;

/** An opaque matcher instance. */
typedef struct facecert_matcher facecert_matcher;

/** Returns FACECERT_MATCHER_API_VERSION as the plugin was compiled. Symbol: facecert_matcher_api_version. */
uint32_t facecert_matcher_api_version(void);

/**
 * Creates an instance (load models here). On failure returns a non-OK status, leaves *out NULL and writes a
 * message. Symbol: facecert_matcher_create.
 */
facecert_status facecert_matcher_create(facecert_matcher **out, char *message, size_t message_capacity);

/** Destroys an instance created by facecert_matcher_create. Symbol: facecert_matcher_destroy. */
void facecert_matcher_destroy(facecert_matcher *matcher);

/** Describes the matcher. Must give the same answer on every instance. Symbol: facecert_matcher_describe. */
facecert_status facecert_matcher_describe(const facecert_matcher *matcher, facecert_description *out);

/**
 * Creates a template from one image. On FACECERT_OK, out->bytes/out->length hold the template; otherwise a
 * refusal or failure code and a message. Must be deterministic. Symbol: facecert_matcher_create_template.
 */
facecert_status facecert_matcher_create_template(
    facecert_matcher *matcher, const facecert_image *image, int32_t role, facecert_template_output *out,
    char *message, size_t message_capacity);

/** Releases template bytes returned by create_template (NULL is allowed). Symbol: facecert_matcher_free_template. */
void facecert_matcher_free_template(facecert_matcher *matcher, uint8_t *bytes);

/**
 * Compares a verification template with an enrolment template. On FACECERT_OK, *score is a finite score of the
 * declared kind (a distance is >= 0). Symbol: facecert_matcher_compare.
 */
facecert_status facecert_matcher_compare(
    facecert_matcher *matcher, const uint8_t *verification, size_t verification_length, const uint8_t *enrolment,
    size_t enrolment_length, double *score, char *message, size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif /* FACECERT_MATCHER_H */
