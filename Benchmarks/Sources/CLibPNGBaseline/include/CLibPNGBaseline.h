// The C baseline of the FaceImage decoding benchmark: what a plain C program calling libpng directly does.
#ifndef CLIBPNGBASELINE_H
#define CLIBPNGBASELINE_H

#include <stddef.h>
#include <stdint.h>

/// Decodes the PNG at `data` to 8-bit gray or RGB with FaceImage's transforms (palette → RGB, low bit depths
/// scaled, 16 → 8 by high byte, alpha dropped), into a fresh malloc'ed buffer the caller frees with
/// `CLibPNGBaseline_free`. Returns 0 on success, -1 on any libpng error.
int CLibPNGBaseline_decode(const uint8_t *data, size_t size, uint8_t **pixels, uint32_t *width, uint32_t *height,
                           uint32_t *channels);
void CLibPNGBaseline_free(void *pointer);

#endif
