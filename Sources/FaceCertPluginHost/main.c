/*
 * facecert-plugin-host: loads one C-ABI matcher plugin (plugins/c/include/facecert_matcher.h) and serves it over
 * the wire protocol of docs/plugin-protocol.md on stdin/stdout, so facecert never runs plugin code in its own
 * address space. Usage: facecert-plugin-host PLUGIN.so   (started by facecert, not by people).
 *
 * The plugin's own stdout output is redirected to stderr before the library loads, so a chatty plugin cannot
 * corrupt the protocol stream. On Linux the host dies with its parent (PR_SET_PDEATHSIG).
 */
#include "CMatcherPluginsShims.h"
#include "facecert_matcher.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

enum { KIND_HELLO = 0x01, KIND_CREATE = 0x02, KIND_COMPARE = 0x03, KIND_SHUTDOWN = 0x04 };
enum { KIND_HELLO_REPLY = 0x81, KIND_TEMPLATE_REPLY = 0x82, KIND_COMPARE_REPLY = 0x83, KIND_FATAL = 0xFF };
#define MAX_FRAME (1u << 30)

static int protocol_out = 1;

typedef struct {
    uint8_t *bytes;
    size_t length, capacity;
} buffer;

static void reserve(buffer *b, size_t extra) {
    if (b->length + extra <= b->capacity) return;
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (capacity < b->length + extra) capacity *= 2;
    uint8_t *bytes = realloc(b->bytes, capacity);
    if (bytes == NULL) {
        fprintf(stderr, "facecert-plugin-host: out of memory\n");
        exit(70);
    }
    b->bytes = bytes;
    b->capacity = capacity;
}
static void put_u8(buffer *b, uint8_t v) {
    reserve(b, 1);
    b->bytes[b->length++] = v;
}
static void put_u32(buffer *b, uint32_t v) {
    reserve(b, 4);
    for (int i = 0; i < 4; i++) b->bytes[b->length++] = (uint8_t)(v >> (8 * i));
}
static void put_f64(buffer *b, double d) {
    uint64_t v;
    memcpy(&v, &d, 8);
    reserve(b, 8);
    for (int i = 0; i < 8; i++) b->bytes[b->length++] = (uint8_t)(v >> (8 * i));
}
static void put_data(buffer *b, const void *data, size_t length) {
    put_u32(b, (uint32_t)length);
    reserve(b, length);
    if (length) memcpy(b->bytes + b->length, data, length);
    b->length += length;
}
static void put_string(buffer *b, const char *s) { put_data(b, s ? s : "", s ? strlen(s) : 0); }

static void begin(buffer *b, uint8_t kind, uint32_t id) {
    b->length = 0;
    put_u32(b, 0);
    put_u8(b, kind);
    put_u32(b, id);
}
static void send_frame(buffer *b) {
    uint32_t length = (uint32_t)(b->length - 4);
    for (int i = 0; i < 4; i++) b->bytes[i] = (uint8_t)(length >> (8 * i));
    size_t sent = 0;
    while (sent < b->length) {
        ssize_t n = write(protocol_out, b->bytes + sent, b->length - sent);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) exit(0); /* facecert went away */
        sent += (size_t)n;
    }
}

static int read_all(uint8_t *into, size_t length) {
    size_t got = 0;
    while (got < length) {
        ssize_t n = read(0, into + got, length - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        got += (size_t)n;
    }
    return 1;
}

static void fatal(buffer *out, uint32_t id, const char *message) {
    begin(out, KIND_FATAL, id);
    put_string(out, message);
    send_frame(out);
    fprintf(stderr, "facecert-plugin-host: %s\n", message);
    exit(2);
}

/* Bounds-checked reader over a received frame body. */
typedef struct {
    const uint8_t *p;
    size_t left;
    int ok;
} reader;
static uint32_t get_u32(reader *r) {
    if (r->left < 4) {
        r->ok = 0;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    r->left -= 4;
    return v;
}
static uint8_t get_u8(reader *r) {
    if (r->left < 1) {
        r->ok = 0;
        return 0;
    }
    r->left -= 1;
    return *r->p++;
}
static const uint8_t *get_data(reader *r, size_t *length) {
    *length = get_u32(r);
    if (!r->ok || r->left < *length) {
        r->ok = 0;
        return NULL;
    }
    const uint8_t *data = r->p;
    r->p += *length;
    r->left -= *length;
    return data;
}

int main(int argc, char **argv) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    /* SwiftPM links this program with the Swift runtime, whose crash handler would catch a plugin's SIGSEGV;
     * a plugin crash must end this process with the plugin's own signal, so restore the defaults. */
    const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGPIPE};
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) signal(crash_signals[i], SIG_DFL);
    protocol_out = dup(1);
    dup2(2, 1); /* anything the plugin prints lands in the stderr log */

    buffer out = {0}, in = {0};
    char message[FACECERT_MESSAGE_CAPACITY];
    if (argc != 2) {
        fprintf(stderr, "usage: facecert-plugin-host PLUGIN.so (started by facecert)\n");
        return 64;
    }

    CMatcherPluginsShims_Library *library = NULL;
    void *instance = NULL;
    for (;;) {
        uint8_t header[9];
        if (!read_all(header, 4)) break;
        uint32_t length = (uint32_t)header[0] | (uint32_t)header[1] << 8 | (uint32_t)header[2] << 16 |
                          (uint32_t)header[3] << 24;
        if (length < 5 || length > MAX_FRAME) fatal(&out, 0, "facecert sent a frame of impossible length");
        reserve(&in, length);
        if (!read_all(in.bytes, length)) break;
        uint8_t kind = in.bytes[0];
        uint32_t id = (uint32_t)in.bytes[1] | (uint32_t)in.bytes[2] << 8 | (uint32_t)in.bytes[3] << 16 |
                      (uint32_t)in.bytes[4] << 24;
        reader r = {in.bytes + 5, length - 5, 1};

        if (kind == KIND_SHUTDOWN) break;
        if (kind == KIND_HELLO) {
            if (r.left < 12 || memcmp(r.p, "FCMP", 4) != 0) fatal(&out, id, "bad hello");
            r.p += 4;
            r.left -= 4;
            uint32_t lowest = get_u32(&r), highest = get_u32(&r);
            if (lowest > 1 || highest < 1) fatal(&out, id, "facecert asks for a protocol version other than 1");
            library = CMatcherPluginsShims_library_open(argv[1], message, sizeof message);
            if (library == NULL) fatal(&out, id, message);
            int32_t status = 0;
            instance = CMatcherPluginsShims_instance_create(library, &status, message, sizeof message);
            if (instance == NULL) {
                char text[FACECERT_MESSAGE_CAPACITY + 64];
                snprintf(text, sizeof text, "facecert_matcher_create failed with status %d: %s", status, message);
                fatal(&out, id, text);
            }
            const char *name, *version, *vendor;
            int32_t kind_value, has_threshold, symmetric;
            double threshold;
            status = CMatcherPluginsShims_describe(library, instance, &name, &version, &vendor, &kind_value,
                                                   &has_threshold, &threshold, &symmetric);
            if (status != FACECERT_OK) fatal(&out, id, "facecert_matcher_describe failed");
            begin(&out, KIND_HELLO_REPLY, id);
            put_data(&out, "FCMP", 4);
            put_u32(&out, 1);
            put_string(&out, name);
            put_string(&out, version);
            put_string(&out, vendor);
            put_u8(&out, (uint8_t)kind_value);
            put_u8(&out, has_threshold ? 1 : 0);
            put_f64(&out, has_threshold ? threshold : 0.0);
            put_u8(&out, symmetric ? 1 : 0);
            /* put_data wrote a length before "FCMP": rewrite the magic without it */
            memmove(out.bytes + 9, out.bytes + 13, out.length - 13);
            out.length -= 4;
            send_frame(&out);
            continue;
        }
        if (instance == NULL) fatal(&out, id, "a request arrived before the hello");
        if (kind == KIND_CREATE) {
            uint8_t role = get_u8(&r);
            uint32_t width = get_u32(&r), height = get_u32(&r);
            uint8_t format = get_u8(&r);
            size_t pixels_length;
            const uint8_t *pixels = get_data(&r, &pixels_length);
            if (!r.ok) fatal(&out, id, "malformed create-template request");
            uint8_t *bytes = NULL;
            size_t template_length = 0;
            int32_t has_eyes = 0, has_quality = 0;
            double eyes[4] = {0, 0, 0, 0}, quality = 0;
            int32_t status = CMatcherPluginsShims_create_template(
                library, instance, width, height, format, pixels, pixels_length, role, &bytes, &template_length,
                &has_eyes, eyes, &has_quality, &quality, message, sizeof message);
            begin(&out, KIND_TEMPLATE_REPLY, id);
            put_u8(&out, (uint8_t)status);
            if (status == FACECERT_OK) {
                put_data(&out, bytes, template_length);
                put_u8(&out, (uint8_t)((has_eyes ? 1 : 0) | (has_quality ? 2 : 0)));
                if (has_eyes)
                    for (int i = 0; i < 4; i++) put_f64(&out, eyes[i]);
                if (has_quality) put_f64(&out, quality);
            } else {
                put_string(&out, message);
            }
            if (bytes != NULL) CMatcherPluginsShims_free_template(library, instance, bytes);
            send_frame(&out);
            continue;
        }
        if (kind == KIND_COMPARE) {
            uint32_t count = get_u32(&r);
            begin(&out, KIND_COMPARE_REPLY, id);
            put_u32(&out, count);
            for (uint32_t i = 0; i < count && r.ok; i++) {
                size_t vlength, elength;
                const uint8_t *v = get_data(&r, &vlength);
                const uint8_t *e = get_data(&r, &elength);
                if (!r.ok) break;
                double score = 0;
                int32_t status = CMatcherPluginsShims_compare(library, instance, v, vlength, e, elength, &score,
                                                              message, sizeof message);
                put_u8(&out, (uint8_t)status);
                if (status == FACECERT_OK)
                    put_f64(&out, score);
                else
                    put_string(&out, message);
            }
            if (!r.ok) fatal(&out, id, "malformed compare request");
            send_frame(&out);
            continue;
        }
        fatal(&out, id, "unknown request kind");
    }
    if (instance != NULL) CMatcherPluginsShims_instance_destroy(library, instance);
    CMatcherPluginsShims_library_close(library);
    return 0;
}
