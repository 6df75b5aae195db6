"""The example facecert matcher plugin in Python: a tiny deterministic matcher, not a face matcher.

Template: 64 bytes, the mean byte value (all channels) of each cell of an 8 x 8 grid over the image; cell (gx, gy)
spans x in [gx*w//8, (gx+1)*w//8) and y in [gy*h//8, (gy+1)*h//8). Images smaller than 8 x 8 are refused.
Score: similarity 1 - sum|a_i - b_i| / (64 * 255), symmetric — exactly the C and Swift versions' scores.

Run: facecert plugin validate --matcher exec:"python3 plugins/python/examples/tiny_matcher.py"
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import facecert_plugin as fp  # noqa: E402

GRID = 8


def create_template(image):
    w, h, c, pixels = image.width, image.height, image.channels, image.pixels
    if w < GRID or h < GRID:
        raise fp.Refusal("image %dx%d is smaller than 8x8" % (w, h))
    cells = bytearray(GRID * GRID)
    for gy in range(GRID):
        y0, y1 = gy * h // GRID, (gy + 1) * h // GRID
        for gx in range(GRID):
            x0, x1 = gx * w // GRID, (gx + 1) * w // GRID
            total = 0
            for y in range(y0, y1):
                start = (y * w + x0) * c
                total += sum(pixels[start:start + (x1 - x0) * c])
            cells[gy * GRID + gx] = total // ((y1 - y0) * (x1 - x0) * c)
    return bytes(cells)


def compare(verification, enrolment):
    if len(verification) != 64 or len(enrolment) != 64:
        raise fp.MatcherFailure(fp.TEMPLATE_FORMAT_ERROR, "templates must be 64 bytes, got %d and %d"
                                % (len(verification), len(enrolment)))
    return 1.0 - sum(abs(a - b) for a, b in zip(verification, enrolment)) / 16320.0


if __name__ == "__main__":
    fp.run(describe={"name": "tiny", "version": "1.0.0", "vendor": "facecert", "score_kind": "similarity",
                     "threshold": 0.9, "symmetric": True},
           create_template=create_template, compare=compare)
