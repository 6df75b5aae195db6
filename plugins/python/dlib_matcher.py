#!/usr/bin/env python3
"""dlib ResNet face matcher (through `face_recognition`) as a facecert out-of-process plugin.

Detection: dlib's HOG frontal face detector (`face_recognition.face_locations`, one upsampling); the largest
detected face is used. Alignment and encoding: dlib's 5-point shape predictor (`model="small"`, the landmark
model whose licence permits any use) and dlib's ResNet-29 face descriptor (`dlib_face_recognition_resnet_model_v1`),
one jitter, giving a 128-d encoding. Score: Euclidean distance between encodings (distance kind: lower is more
alike); declared operating threshold 0.6, the value dlib and face_recognition document. Deterministic: no jitter,
no randomness, the same pixels give the same bytes.

An image in which the detector finds no face is refused (`faceDetectionError`), never given a made-up template.
With `--whole-image-box` (or FACECERT_DLIB_WHOLE_IMAGE_BOX=1) the detector is skipped and the whole image is the
face box, for suites of tightly cropped faces such as ORL (92x112), where the HOG detector misses faces.

Run it through facecert as `--matcher exec:"python3 plugins/python/dlib_matcher.py"` after
`plugins/python/setup.sh`; when started by an interpreter without dlib, it re-executes itself with the
interpreter of the plugin venv (see `_plugin_env.py`).
"""

from __future__ import annotations

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _plugin_env  # noqa: E402

_plugin_env.ensure_modules("dlib", "face_recognition", "numpy")

import dlib  # noqa: E402
import face_recognition  # noqa: E402
import numpy as np  # noqa: E402

NAME = "dlib-resnet-face_recognition"
VENDOR = "dlib (Davis E. King) via face_recognition (Adam Geitgey); facecert plugin"
VERSION = f"dlib {dlib.__version__}; face_recognition 1.3.0; resnet_model_v1; 5-point landmarks; hog detector"
SCORE_KIND = "distance"
DECLARED_THRESHOLD = 0.6

# Below this many pixels a side there is no face to find (HOG's window is 80x80, 40x40 after one upsampling) and the
# whole-image box would hand the 5-point predictor a meaningless box, so such images are refused before detection.
MIN_SIDE = 32

_MAGIC = b"FCDL"
_DIMENSIONS = 128
_TEMPLATE = struct.Struct("<4s" + "d" * _DIMENSIONS)


class NoFaceDetected(Exception):
    """The detector found no face in the image; the plugin refuses it (FRTE's FaceDetectionError)."""


class InputRefused(Exception):
    """The image is unusable before detection, e.g. smaller than MIN_SIDE (FRTE's RefuseInput)."""


class BadTemplate(Exception):
    """A template handed to `compare` was not made by this plugin (FRTE's TemplateFormatError)."""


def whole_image_box_requested(argv: list[str] | None = None) -> bool:
    """Whether `--whole-image-box` is on the command line or FACECERT_DLIB_WHOLE_IMAGE_BOX is 1/true/yes.

    Any other argument is a usage error (status 64, message on stderr), so a mistyped option is never ignored.
    """
    argv = sys.argv[1:] if argv is None else argv
    unknown = [a for a in argv if a != "--whole-image-box"]
    if unknown:
        sys.stderr.write(f"dlib_matcher.py: unknown arguments {unknown}; the only option is --whole-image-box\n")
        sys.exit(64)
    flag = os.environ.get("FACECERT_DLIB_WHOLE_IMAGE_BOX", "").strip().lower() in ("1", "true", "yes")
    return flag or "--whole-image-box" in argv


def as_rgb(pixels: np.ndarray) -> np.ndarray:
    """An (H, W, 3) uint8 RGB array from an (H, W) grey or (H, W, 3) RGB one (grey is replicated)."""
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    if pixels.ndim != 3 or pixels.shape[2] != 3 or pixels.dtype != np.uint8:
        raise ValueError(f"expected an (H, W) or (H, W, 3) uint8 image, got {pixels.shape} {pixels.dtype}")
    return np.ascontiguousarray(pixels)


def face_box(rgb: np.ndarray, whole_image_box: bool) -> tuple[int, int, int, int]:
    """The face box as face_recognition's (top, right, bottom, left): the largest HOG detection, or the image.

    Raises:
        NoFaceDetected: when the detector finds no face (and the whole image was not asked for).
    """
    height, width = rgb.shape[:2]
    if whole_image_box:
        return (0, width, height, 0)
    boxes = face_recognition.face_locations(rgb, number_of_times_to_upsample=1, model="hog")
    if not boxes:
        raise NoFaceDetected(f"dlib's HOG detector found no face in the {width}x{height} image")
    # Largest area first; ties keep the detector's order, so the choice is deterministic.
    return max(boxes, key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))


def create_template(pixels: np.ndarray, whole_image_box: bool = False) -> bytes:
    """The 128-d dlib encoding of the face in `pixels`, as `FCDL` + 128 little-endian float64.

    Raises:
        InputRefused: when the image is smaller than MIN_SIDE on a side.
        NoFaceDetected: when no face is found.
    """
    rgb = as_rgb(pixels)
    height, width = rgb.shape[:2]
    if min(width, height) < MIN_SIDE:
        raise InputRefused(f"the image is {width}x{height}; this matcher needs at least {MIN_SIDE} pixels a side")
    box = face_box(rgb, whole_image_box)
    encodings = face_recognition.face_encodings(rgb, known_face_locations=[box], num_jitters=1, model="small")
    if len(encodings) != 1:
        raise NoFaceDetected(f"face_recognition gave {len(encodings)} encodings for one face box {box}")
    return _TEMPLATE.pack(_MAGIC, *map(float, encodings[0]))


def _encoding(template: bytes, which: str) -> np.ndarray:
    if len(template) != _TEMPLATE.size or template[:4] != _MAGIC:
        raise BadTemplate(f"the {which} template is {len(template)} bytes, not a {_TEMPLATE.size}-byte FCDL template")
    values = np.frombuffer(template, dtype="<f8", offset=4, count=_DIMENSIONS)
    if not np.all(np.isfinite(values)):
        raise BadTemplate(f"the {which} template holds non-finite values")
    return values


def compare(verification: bytes, enrolment: bytes) -> float:
    """Euclidean distance between two encodings (symmetric; 0 for identical templates).

    Raises:
        BadTemplate: when either template is not one this plugin made.
    """
    return float(np.linalg.norm(_encoding(verification, "verification") - _encoding(enrolment, "enrolment")))


# ---- the plugin: a description and two functions, served by the facecert Python SDK ----------------------------

def _describe(whole_image_box: bool) -> dict:
    version = VERSION.replace("hog detector", "whole image as face box") if whole_image_box else VERSION
    return {"name": NAME + ("-whole-image-box" if whole_image_box else ""), "version": version, "vendor": VENDOR,
            "score_kind": SCORE_KIND, "threshold": DECLARED_THRESHOLD, "symmetric": True}


def pixels_of(image) -> np.ndarray:
    """An SDK `Image` (width, height, channels 1 or 3, row-major bytes) as an (H, W) or (H, W, 3) uint8 array."""
    shape = (image.height, image.width) if image.channels == 1 else (image.height, image.width, image.channels)
    return np.frombuffer(image.pixels, dtype=np.uint8).reshape(shape)


def main() -> None:
    import facecert_plugin as fp

    whole_image_box = whole_image_box_requested()

    def plugin_create_template(image):
        try:
            return create_template(pixels_of(image), whole_image_box)
        except InputRefused as refusal:
            raise fp.Refusal(str(refusal)) from None
        except NoFaceDetected as refusal:
            raise fp.MatcherFailure(fp.FACE_DETECTION_ERROR, str(refusal)) from None

    def plugin_compare(verification, enrolment):
        try:
            return compare(verification, enrolment)
        except BadTemplate as error:
            raise fp.MatcherFailure(fp.TEMPLATE_FORMAT_ERROR, str(error)) from None

    fp.run(describe=_describe(whole_image_box), create_template=plugin_create_template, compare=plugin_compare)


if __name__ == "__main__":
    main()
