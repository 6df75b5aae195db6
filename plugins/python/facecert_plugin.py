"""facecert_plugin — write a facecert matcher plugin in Python (standard library only).

A vendor writes two functions and a description, and calls ``run``::

    import facecert_plugin as fp

    def create_template(image):          # image: fp.Image(width, height, channels, pixels: bytes)
        return bytes(...)                 # or fp.TemplateResult(bytes, eyes=(lx, ly, rx, ry), quality=87.0)

    def compare(verification, enrolment): # two bytes objects
        return 0.73                       # a finite float of the declared kind

    fp.run(describe={"name": "acme", "version": "2.1", "vendor": "ACME",
                     "score_kind": "similarity", "threshold": 0.6, "symmetric": True},
           create_template=create_template, compare=compare)

facecert starts the plugin with ``--matcher exec:"python3 path/plugin.py"`` and speaks the binary protocol of
docs/plugin-protocol.md on stdin/stdout. Refuse an input with ``raise fp.Refusal("no face")`` (or
``fp.MatcherFailure(fp.FACE_DETECTION_ERROR, ...)``); any other exception becomes a vendor error for that call
only. ``create_template`` may take a second argument, the role ("enrolment" or "verification").

stdout belongs to the protocol: ``run`` moves Python's ``sys.stdout`` (and file descriptor 1) to stderr, so
``print`` in plugin code lands in facecert's plugin log instead of corrupting the stream.
"""

import inspect
import math
import os
import struct
import sys

__all__ = [
    "Image", "TemplateResult", "Refusal", "MatcherFailure", "run", "PROTOCOL_VERSION",
    "REFUSE_INPUT", "FACE_DETECTION_ERROR", "EXTRACT_ERROR", "TEMPLATE_CREATION_ERROR",
    "TEMPLATE_FORMAT_ERROR", "MATCH_ERROR", "VENDOR_ERROR",
]

PROTOCOL_VERSION = 1
MAGIC = b"FCMP"

# Status codes (same numbers as facecert_status in plugins/c/include/facecert_matcher.h).
OK = 0
REFUSE_INPUT = 1
FACE_DETECTION_ERROR = 2
EXTRACT_ERROR = 3
TEMPLATE_CREATION_ERROR = 4
TEMPLATE_FORMAT_ERROR = 5
MATCH_ERROR = 6
VENDOR_ERROR = 7

HELLO, CREATE_TEMPLATE, COMPARE, SHUTDOWN = 0x01, 0x02, 0x03, 0x04
HELLO_REPLY, TEMPLATE_REPLY, COMPARE_REPLY, FATAL = 0x81, 0x82, 0x83, 0xFF


class Image:
    """One image: ``width`` x ``height`` pixels, ``channels`` 1 (gray) or 3 (RGB), row-major ``pixels`` bytes
    without padding, top row first. ``format`` is "gray" or "rgb"."""

    __slots__ = ("width", "height", "channels", "pixels")

    def __init__(self, width, height, channels, pixels):
        self.width, self.height, self.channels, self.pixels = width, height, channels, pixels

    @property
    def format(self):
        return "gray" if self.channels == 1 else "rgb"

    def __repr__(self):
        return "Image(%dx%d %s)" % (self.width, self.height, self.format)


class TemplateResult:
    """A template with optional eye centres ``(left_x, left_y, right_x, right_y)`` in pixels ("left" = the eye on
    the image's left side) and an optional quality in 0...100."""

    __slots__ = ("template", "eyes", "quality")

    def __init__(self, template, eyes=None, quality=None):
        self.template, self.eyes, self.quality = bytes(template), eyes, quality


class MatcherFailure(Exception):
    """A refusal or failure with a status code (REFUSE_INPUT ... VENDOR_ERROR) and a message."""

    def __init__(self, code, message=""):
        super().__init__(message)
        self.code, self.message = code, message


class Refusal(MatcherFailure):
    """The input is not usable (NIST RefuseInput)."""

    def __init__(self, message=""):
        super().__init__(REFUSE_INPUT, message)


class _ProtocolError(Exception):
    pass


def _read_exactly(stream, count):
    data = stream.read(count)
    if data is None or len(data) < count:
        if not data:
            return None
        chunks = [data]
        got = len(data)
        while got < count:
            more = stream.read(count - got)
            if not more:
                return None
            chunks.append(more)
            got += len(more)
        data = b"".join(chunks)
    return data


def _string(text):
    raw = str(text).encode("utf-8", "replace")[:4000]
    return struct.pack("<I", len(raw)) + raw


def _frame(kind, request_id, body):
    return struct.pack("<IBI", 5 + len(body), kind, request_id) + body


def _failure_body(error):
    if isinstance(error, MatcherFailure) and 1 <= int(error.code) <= 7:
        return bytes([int(error.code)]) + _string(error.message)
    return bytes([VENDOR_ERROR]) + _string("%s: %s" % (type(error).__name__, error))


def _describe_body(describe):
    kind = describe.get("score_kind", "similarity")
    if kind not in ("similarity", "distance"):
        raise ValueError("describe['score_kind'] must be 'similarity' or 'distance'")
    threshold = describe.get("threshold")
    body = MAGIC + struct.pack("<I", PROTOCOL_VERSION)
    for key in ("name", "version", "vendor"):
        if not describe.get(key):
            raise ValueError("describe[%r] must be a non-empty string" % key)
        body += _string(describe[key])
    body += bytes([0 if kind == "similarity" else 1, 0 if threshold is None else 1])
    body += struct.pack("<d", 0.0 if threshold is None else float(threshold))
    body += bytes([1 if describe.get("symmetric") else 0])
    return body


def _template_body(result):
    if isinstance(result, TemplateResult):
        template, eyes, quality = result.template, result.eyes, result.quality
    else:
        template, eyes, quality = bytes(result), None, None
    body = bytes([OK]) + struct.pack("<I", len(template)) + template
    flags = (1 if eyes is not None else 0) | (2 if quality is not None else 0)
    body += bytes([flags])
    if eyes is not None:
        body += struct.pack("<4d", *[float(v) for v in eyes])
    if quality is not None:
        body += struct.pack("<d", float(quality))
    return body


def run(describe, create_template, compare, stdin=None, stdout=None):
    """Serves facecert's requests until it shuts the plugin down (or closes stdin). Never returns normally.

    describe: dict with "name", "version", "vendor" (non-empty strings), "score_kind" ("similarity" or
    "distance"), optional "threshold" (float, the declared operating threshold) and "symmetric" (bool).
    create_template(image[, role]) -> bytes or TemplateResult; compare(verification, enrolment) -> float.
    """
    if stdin is None:
        stdin = sys.stdin.buffer
    if stdout is None:
        # Keep a private handle on the protocol stream, then point fd 1 and sys.stdout at stderr.
        stdout = os.fdopen(os.dup(1), "wb", buffering=0)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
    wants_role = len(inspect.signature(create_template).parameters) >= 2
    pack_score = struct.Struct("<Bd").pack
    unpack_u32 = struct.Struct("<I").unpack_from

    def send(frame):
        view = memoryview(frame)
        while view:
            written = stdout.write(view)
            view = view[len(view) if written is None else written:]
        if hasattr(stdout, "flush"):
            stdout.flush()

    while True:
        header = _read_exactly(stdin, 9)
        if header is None:
            sys.exit(0)
        length, kind, request_id = struct.unpack("<IBI", header)
        if length < 5:
            send(_frame(FATAL, request_id, _string("frame too short")))
            sys.exit(2)
        body = _read_exactly(stdin, length - 5) if length > 5 else b""
        if body is None:
            sys.exit(0)
        if kind == SHUTDOWN:
            sys.exit(0)
        try:
            if kind == HELLO:
                if body[:4] != MAGIC:
                    raise _ProtocolError("bad hello magic")
                lowest, highest = struct.unpack_from("<II", body, 4)
                if not lowest <= PROTOCOL_VERSION <= highest:
                    raise _ProtocolError("facecert speaks versions %d..%d, this SDK %d" % (lowest, highest, PROTOCOL_VERSION))
                send(_frame(HELLO_REPLY, request_id, _describe_body(describe)))
            elif kind == CREATE_TEMPLATE:
                role_byte, width, height, channels, pixel_length = struct.unpack_from("<BIIBI", body, 0)
                pixels = body[14:14 + pixel_length]
                if len(pixels) != pixel_length or pixel_length != width * height * channels:
                    raise _ProtocolError("malformed create-template request")
                image = Image(width, height, channels, pixels)
                try:
                    if wants_role:
                        result = create_template(image, "enrolment" if role_byte == 0 else "verification")
                    else:
                        result = create_template(image)
                    reply = _template_body(result)
                except Exception as error:  # a failed call, not a failed plugin
                    reply = _failure_body(error)
                send(_frame(TEMPLATE_REPLY, request_id, reply))
            elif kind == COMPARE:
                (count,) = unpack_u32(body, 0)
                offset = 4
                parts = [struct.pack("<I", count)]
                for _ in range(count):
                    (vlen,) = unpack_u32(body, offset)
                    verification = body[offset + 4:offset + 4 + vlen]
                    offset += 4 + vlen
                    (elen,) = unpack_u32(body, offset)
                    enrolment = body[offset + 4:offset + 4 + elen]
                    offset += 4 + elen
                    try:
                        parts.append(pack_score(OK, float(compare(verification, enrolment))))
                    except Exception as error:
                        parts.append(_failure_body(error))
                send(_frame(COMPARE_REPLY, request_id, b"".join(parts)))
            else:
                raise _ProtocolError("unknown request kind 0x%02x" % kind)
        except (_ProtocolError, struct.error, ValueError) as error:
            send(_frame(FATAL, request_id, _string(str(error))))
            sys.exit(2)


if __name__ == "__main__":
    sys.stderr.write(__doc__)
    sys.exit(64)
