#!/usr/bin/env python3
"""Writes the hand-made PNG fixtures of FaceImagingTests and the pixels they must decode to.

Run from anywhere: `python3 Tests/FaceImagingTests/Fixtures/make_fixtures.py`. Python standard library only
(zlib, struct). The output is deterministic; the files are committed, so this only needs rerunning when a fixture
changes.

Each fixture is built from its source samples (the values stored in the file), and `expected.json` holds what
facecert's conversion rules make of them, computed here directly from those samples, not by decoding:
16-bit keeps the high byte, 1/2/4-bit gray scales by 255/(2^depth - 1), palettes expand to RGB, alpha and tRNS
are dropped, gamma/sBIT are ignored, Adam7 is de-interlaced.

The hostile fixtures (decompression bombs, bad checksums, absurd headers) have no expected pixels; the tests name
the error each must give.
"""
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data, crc=None):
    if crc is None:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def ihdr(width, height, depth, color, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace))


class Rng:
    """A small LCG so the fixtures do not depend on Python's random module across versions."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n


def pack_row(samples, depth):
    """Packs one row of samples (already flattened over channels) at the given bit depth."""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out = bytearray()
    per_byte = 8 // depth
    for i in range(0, len(samples), per_byte):
        group = samples[i:i + per_byte]
        byte = 0
        for j, s in enumerate(group):
            byte |= s << (8 - depth * (j + 1))
        out.append(byte)
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(kind, row, previous, bpp):
    """Applies PNG filter `kind` (0–4) so the decoder's unfiltering is exercised with every type."""
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = previous[i] if previous else 0
        c = previous[i - bpp] if previous and i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out.append((x - predictor) & 0xFF)
    return bytes([kind]) + bytes(out)


def image_data(width, height, depth, color, rows, interlace):
    """The raw (uncompressed) filtered scanlines; `rows[y][x]` is a tuple of channel samples."""
    channels = CHANNELS[color]
    bpp = max(1, channels * depth // 8)
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    out = bytearray()
    line = 0
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, width, dx))
        ys = list(range(y0, height, dy))
        if not xs or not ys:
            continue
        previous = None
        for y in ys:
            flat = [s for x in xs for s in rows[y][x]]
            packed = pack_row(flat, depth)
            out += filter_row(line % 5, packed, previous, bpp)
            previous = packed
            line += 1
    return bytes(out)


def png(width, height, depth, color, rows, interlace=0, palette=None, trns=None, extra=b"", level=9):
    body = ihdr(width, height, depth, color, interlace) + extra
    if palette is not None:
        body += chunk(b"PLTE", b"".join(bytes(p) for p in palette))
    if trns is not None:
        body += chunk(b"tRNS", trns)
    body += chunk(b"IDAT", zlib.compress(image_data(width, height, depth, color, rows, interlace), level))
    return SIGNATURE + body + chunk(b"IEND", b"")


def scale(sample, depth):
    if depth == 16:
        return sample >> 8
    return sample * 255 // ((1 << depth) - 1)


fixtures = {}
expected = {}


def add(name, width, height, depth, color, rows, interlace=0, palette=None, trns=None, extra=b""):
    fixtures[name] = png(width, height, depth, color, rows, interlace, palette, trns, extra)
    pixels = []
    for y in range(height):
        for x in range(width):
            s = rows[y][x]
            if color == 3:
                pixels += list(palette[s[0]])
            elif color in (0, 4):
                pixels.append(scale(s[0], depth))
            else:
                pixels += [scale(v, depth) for v in s[:3]]
    fmt = "rgb" if color in (2, 3, 6) else "gray"
    expected[name] = {"width": width, "height": height, "format": fmt, "pixels": pixels}


def random_rows(rng, width, height, channels, maximum):
    return [[tuple(rng.below(maximum + 1) for _ in range(channels)) for _ in range(width)] for _ in range(height)]


rng = Rng(2026)
for depth in (1, 2, 4, 8, 16):
    add(f"gray{depth}", 7, 5, depth, 0, random_rows(rng, 7, 5, 1, (1 << depth) - 1))
    add(f"gray{depth}_adam7", 11, 9, depth, 0, random_rows(rng, 11, 9, 1, (1 << depth) - 1), interlace=1)
add("gray8_trns", 5, 4, 8, 0, random_rows(rng, 5, 4, 1, 255), trns=struct.pack(">H", 17))
add("gray4_trns", 5, 4, 4, 0, random_rows(rng, 5, 4, 1, 15), trns=struct.pack(">H", 3))
add("gray16_trns", 5, 4, 16, 0, random_rows(rng, 5, 4, 1, 65535), trns=struct.pack(">H", 4000))
for depth in (8, 16):
    add(f"rgb{depth}", 6, 5, depth, 2, random_rows(rng, 6, 5, 3, (1 << depth) - 1))
    add(f"rgb{depth}_adam7", 10, 9, depth, 2, random_rows(rng, 10, 9, 3, (1 << depth) - 1), interlace=1)
    add(f"gray_alpha{depth}", 6, 5, depth, 4, random_rows(rng, 6, 5, 2, (1 << depth) - 1))
    add(f"rgba{depth}", 6, 5, depth, 6, random_rows(rng, 6, 5, 4, (1 << depth) - 1))
    add(f"rgba{depth}_adam7", 9, 10, depth, 6, random_rows(rng, 9, 10, 4, (1 << depth) - 1), interlace=1)
add("rgb8_trns", 5, 4, 8, 2, random_rows(rng, 5, 4, 3, 255), trns=struct.pack(">HHH", 10, 20, 30))
for depth in (1, 2, 4, 8):
    entries = 1 << depth if depth < 8 else 200
    palette = [(rng.below(256), rng.below(256), rng.below(256)) for _ in range(entries)]
    trns = bytes(rng.below(256) for _ in range(max(1, entries // 2)))
    add(f"palette{depth}_trns", 7, 5, depth, 3, random_rows(rng, 7, 5, 1, entries - 1), palette=palette, trns=trns)
    add(f"palette{depth}", 7, 5, depth, 3, random_rows(rng, 7, 5, 1, entries - 1), palette=palette)
palette = [(rng.below(256), rng.below(256), rng.below(256)) for _ in range(16)]
add("palette4_trns_adam7", 13, 11, 4, 3, random_rows(rng, 13, 11, 1, 15), interlace=1, palette=palette,
    trns=bytes(range(0, 160, 10)))
# gAMA 1/4.5 (far from 1/2.2), cHRM-less sRGB and an sBIT of 5 bits: none of them may change a sample.
colour_chunks = chunk(b"gAMA", struct.pack(">I", 222222)) + chunk(b"sBIT", bytes([5, 5, 5])) + chunk(
    b"sRGB", bytes([0]))
add("rgb8_gamma_sbit", 6, 4, 8, 2, random_rows(rng, 6, 4, 3, 255), extra=colour_chunks)
add("gray8_gamma_sbit", 6, 4, 8, 0, random_rows(rng, 6, 4, 1, 255),
    extra=chunk(b"gAMA", struct.pack(">I", 100000)) + chunk(b"sBIT", bytes([3])))

# Samples that would round differently: the high byte is kept (0x12FF -> 0x12, not 0x13).
add("gray16_rounding", 4, 1, 16, 0, [[(0x12FF,), (0x0080,), (0xFF7F,), (0x00FF,)]])
# Fully transparent pixels keep their colour: alpha is dropped, never composited onto a background.
add("rgba8_transparent", 3, 1, 8, 6, [[(200, 10, 20, 0), (0, 0, 0, 0), (255, 255, 255, 0)]])

# ---- Hostile fixtures ------------------------------------------------------------------------------------------

# Palette indices beyond the PLTE (an error by the PNG specification): 4-bit indices up to 15, 6 palette entries.
out_of_range_palette = [(10, 20, 30), (40, 50, 60), (70, 80, 90), (100, 110, 120), (130, 140, 150), (1, 2, 3)]
fixtures["palette_index_out_of_range"] = png(4, 2, 4, 3, [[(0,), (5,), (6,), (15,)], [(1,), (2,), (3,), (4,)]],
                                             palette=out_of_range_palette)

# A complete, valid 12000x12000 1-bit image of zeros: about 18 KB on disk, 144 Mpx (> the 64 Mpx limit) decoded.
width = height = 12000
row = b"\x00" * (1 + (width + 7) // 8)
compressor = zlib.compressobj(9)
idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
fixtures["bomb_idat_12000"] = SIGNATURE + ihdr(width, height, 1, 0) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")

# A small valid image whose zTXt and iCCP chunks inflate to 12 MiB each (over the 8 MiB chunk limit) and whose iTXt
# inflates to 2 MiB: about 26 KB on disk, harmless unless a decoder inflates them.
small_rows = [[(x * 40 + y,) for x in range(4)] for y in range(4)]
ztxt = chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"\x00" * (12 << 20), 9))
itxt = chunk(b"iTXt", b"Comment\x00\x01\x00\x00\x00" + zlib.compress(b"A" * (2 << 20), 9))
iccp = chunk(b"iCCP", b"bomb\x00\x00" + zlib.compress(b"\x00" * (12 << 20), 9))
add("ztxt_bomb", 4, 4, 8, 0, small_rows, extra=ztxt + itxt + iccp)

# IHDR claiming 100000x100000 8-bit RGB followed by a token IDAT.
fixtures["header_100000"] = SIGNATURE + ihdr(100000, 100000, 8, 2) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + \
    chunk(b"IEND", b"")

# A valid image with a tEXt chunk, then copies with one checksum broken.
base_rows = [[(x * 30, y * 50, (x + y) * 20) for x in range(5)] for y in range(4)]
add("checksums_ok", 5, 4, 8, 2, base_rows, extra=chunk(b"tEXt", b"Title\x00checksums"))
good = fixtures["checksums_ok"]


def replace_crc(data, kind, flip):
    """Returns `data` with the CRC of the first `kind` chunk XOR-ed with `flip`."""
    at = 8
    while at < len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        if data[at + 4:at + 8] == kind:
            end = at + 8 + length
            crc = struct.unpack(">I", data[end:end + 4])[0] ^ flip
            return data[:end] + struct.pack(">I", crc) + data[end + 4:]
        at += 12 + length
    raise ValueError(kind)


fixtures["bad_crc_idat"] = replace_crc(good, b"IDAT", 0x1)
fixtures["bad_crc_ihdr"] = replace_crc(good, b"IHDR", 0x80000000)
fixtures["bad_crc_text"] = replace_crc(good, b"tEXt", 0x10)
# Same pixels with the zlib stream's Adler-32 broken (and the chunk CRC recomputed, so only Adler-32 is wrong).
stream = bytearray(zlib.compress(image_data(5, 4, 8, 2, base_rows, 0), 9))
stream[-1] ^= 0x5A
fixtures["bad_adler32"] = SIGNATURE + ihdr(5, 4, 8, 2) + chunk(b"IDAT", bytes(stream)) + chunk(b"IEND", b"")
expected["bad_adler32"] = dict(expected["checksums_ok"])
# The image data ends early (zlib stream complete but too short): "Not enough image data".
short = zlib.compress(image_data(5, 4, 8, 2, base_rows, 0)[:-7], 9)
fixtures["short_idat"] = SIGNATURE + ihdr(5, 4, 8, 2) + chunk(b"IDAT", short) + chunk(b"IEND", b"")

for name, data in sorted(fixtures.items()):
    with open(os.path.join(HERE, name + ".png"), "wb") as f:
        f.write(data)
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, sort_keys=True, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(fixtures)} fixtures, {len(expected)} with expected pixels")
