#!/usr/bin/env python3
"""An independent PNG decoder (Python standard library only) applying facecert's conversion rules, used to check
`facecert image inspect --pixels-sha256` and FaceImage.

It shares no code with libpng: it parses chunks, inflates IDAT with zlib, unfilters, de-interlaces Adam7 and then
applies the rules of FaceImage(pngData:as:limits:fileName:):
  - 16-bit samples keep their high byte; 1/2/4-bit gray scales by 255 / (2^depth - 1);
  - palettes expand to RGB; alpha channels and tRNS are dropped, not composited;
  - gamma, sBIT and colour-space chunks are ignored;
  - native gray (types 0, 4) stays gray, native colour (2, 3, 6) stays RGB;
  - RGB -> gray: (19595 R + 38470 G + 7471 B + 32768) >> 16; gray -> RGB repeats the sample.

Usage:
  independent_sha256.py FILE...          one line per file: NAME<TAB>MODE<TAB>WxH FORMAT<TAB>SHA256, MODE in
                                         native/gray/rgb, or NAME<TAB>error<TAB>REASON for files it rejects.
  independent_sha256.py --golden DIR     the same for every DIR/*.png, sorted by name (the golden file's content):
      python3 Tests/FaceImagingTests/Fixtures/independent_sha256.py --golden ../shared/pngsuite \
          > Tests/FaceImagingTests/Fixtures/pngsuite-sha256.tsv
  independent_sha256.py --pypng DIR      a third opinion: decodes DIR/*.png with the pure-Python `pypng` package
                                         (pip install pypng; not needed otherwise) under the same rules and
                                         compares with this decoder. On PngSuite all 161 valid files agree and
                                         both reject the same 14.
"""
import glob
import hashlib
import os
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ALLOWED_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


class Rejected(Exception):
    pass


def chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Rejected("no PNG signature")
    at = 8
    while True:
        if at + 8 > len(data):
            raise Rejected("truncated")
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if len(body) != length or at + 12 + length > len(data):
            raise Rejected("truncated")
        crc = struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise Rejected(f"CRC error in {kind!r}")
        yield kind, body
        if kind == b"IEND":
            return
        at += 12 + length


def unfilter(raw, width, height, bits_per_pixel, offset):
    """Unfilters one (sub)image starting at raw[offset]; returns (rows, next offset)."""
    stride = (width * bits_per_pixel + 7) // 8
    bpp = max(1, bits_per_pixel // 8)
    rows = []
    previous = bytearray(stride)
    for _ in range(height):
        if offset + 1 + stride > len(raw):
            raise Rejected("not enough image data")
        kind = raw[offset]
        line = bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 0:
                p = 0
            elif kind == 1:
                p = a
            elif kind == 2:
                p = b
            elif kind == 3:
                p = (a + b) >> 1
            elif kind == 4:
                q = a + b - c
                pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
                p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            else:
                raise Rejected(f"bad filter type {kind}")
            line[i] = (line[i] + p) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows, offset


def samples(row, width, depth, channels):
    """The row's samples as integers, channel-interleaved."""
    count = width * channels
    if depth == 8:
        return list(row[:count])
    if depth == 16:
        return [row[2 * i] << 8 | row[2 * i + 1] for i in range(count)]
    mask = (1 << depth) - 1
    out = []
    for i in range(count):
        bit = i * depth
        out.append((row[bit // 8] >> (8 - depth - bit % 8)) & mask)
    return out


def decode(data):
    """Returns (width, height, native format, pixel bytes) under facecert's rules."""
    header = None
    palette = None
    idat = bytearray()
    seen_idat = False
    for kind, body in chunks(data):
        if header is None:
            if kind != b"IHDR" or len(body) != 13:
                raise Rejected("IHDR is not the first chunk")
            header = struct.unpack(">IIBBBBB", body)
            continue
        if kind == b"PLTE":
            if len(body) % 3 or not body:
                raise Rejected("bad PLTE")
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat += body
            seen_idat = True
        elif kind[0] & 0x20 == 0 and kind not in (b"IEND",):
            raise Rejected(f"unknown critical chunk {kind!r}")
    width, height, depth, color, compression, filtering, interlace = header
    if width == 0 or height == 0 or color not in CHANNELS or depth not in ALLOWED_DEPTHS[color]:
        raise Rejected("invalid IHDR")
    if compression or filtering or interlace > 1:
        raise Rejected("invalid IHDR methods")
    if not seen_idat:
        raise Rejected("no IDAT")
    if color == 3 and palette is None:
        raise Rejected("palette image without PLTE")
    try:
        raw = zlib.decompress(bytes(idat))
    except zlib.error as error:
        raise Rejected(f"zlib: {error}")
    channels = CHANNELS[color]
    bits = depth * channels
    grid = [[None] * width for _ in range(height)]
    offset = 0
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs = range(x0, width, dx)
        ys = range(y0, height, dy)
        if not xs or not ys:
            continue
        rows, offset = unfilter(raw, len(xs), len(ys), bits, offset)
        for row, y in zip(rows, ys):
            values = samples(row, len(xs), depth, channels)
            for i, x in enumerate(xs):
                grid[y][x] = values[i * channels:(i + 1) * channels]
    out = bytearray()
    if color == 3:
        for y in range(height):
            for x in range(width):
                index = grid[y][x][0]
                if index >= len(palette):
                    raise Rejected("palette index out of range")
                out += bytes(palette[index])
        return width, height, "rgb", bytes(out)

    def to8(v):
        return v >> 8 if depth == 16 else v * 255 // ((1 << depth) - 1)

    keep = 1 if color in (0, 4) else 3
    for y in range(height):
        for x in range(width):
            out += bytes(to8(v) for v in grid[y][x][:keep])
    return width, height, "gray" if keep == 1 else "rgb", bytes(out)


def convert(pixels, source, target):
    if source == target:
        return pixels
    if target == "rgb":
        return bytes(v for g in pixels for v in (g, g, g))
    return bytes((19595 * pixels[i] + 38470 * pixels[i + 1] + 7471 * pixels[i + 2] + 32768) >> 16
                 for i in range(0, len(pixels), 3))


def lines(path):
    name = os.path.basename(path)
    with open(path, "rb") as f:
        data = f.read()
    try:
        width, height, native, pixels = decode(data)
    except Rejected as error:
        return [f"{name}\terror\t{error}"]
    out = []
    for mode in ("native", "gray", "rgb"):
        target = native if mode == "native" else mode
        digest = hashlib.sha256(convert(pixels, native, target)).hexdigest()
        out.append(f"{name}\t{mode}\t{width}x{height} {target}\t{digest}")
    return out


def decode_with_pypng(path):
    import png  # pypng, imported only for this check

    reader = png.Reader(filename=path)
    width, height, rows, info = reader.read()
    planes, depth = info["planes"], info["bitdepth"]
    out = bytearray()
    if reader.color_type == 3:
        palette = info["palette"]
        for row in rows:
            for index in list(row)[:width]:
                out += bytes(palette[index][:3])
        return width, height, "rgb", bytes(out)
    keep = 1 if info["greyscale"] else 3
    for row in rows:
        row = list(row)
        for x in range(width):
            out += bytes((v >> 8) if depth == 16 else v * 255 // ((1 << depth) - 1)
                         for v in row[x * planes:(x + 1) * planes][:keep])
    return width, height, "gray" if keep == 1 else "rgb", bytes(out)


def cross_check_pypng(directory):
    disagreements = 0
    for path in sorted(glob.glob(os.path.join(directory, "*.png"))):
        with open(path, "rb") as f:
            data = f.read()
        try:
            ours = decode(data)
        except Rejected:
            ours = None
        try:
            theirs = decode_with_pypng(path)
        except Exception:  # pypng raises several types for broken files
            theirs = None
        if ours != theirs:
            disagreements += 1
            print(f"{os.path.basename(path)}: this decoder and pypng disagree")
    print(f"pypng cross-check: {disagreements} disagreement(s)")
    sys.exit(1 if disagreements else 0)


def main(argv):
    if len(argv) == 3 and argv[1] == "--pypng":
        cross_check_pypng(argv[2])
    if len(argv) == 3 and argv[1] == "--golden":
        paths = sorted(glob.glob(os.path.join(argv[2], "*.png")))
    else:
        paths = argv[1:]
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        print("\n".join(lines(path)))


if __name__ == "__main__":
    main(sys.argv)
