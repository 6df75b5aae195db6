"""Tests of the dlib and SFace plugins through the wire protocol, and of check_reference.py's statistics.

Run with the plugin venv's interpreter (plugins/python/setup.sh first):
    .venv-plugins/bin/python -m unittest discover -s plugins/python/tests -v
Tests that need the venv's modules or ../shared/faces skip with a message, and fail instead when CI=true.
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
import subprocess
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

import check_reference  # noqa: E402

FACES = pathlib.Path(os.environ.get("FACECERT_FACES", HERE.parent.parent.parent / "shared" / "faces"))
IN_CI = os.environ.get("CI", "").lower() == "true"
HAVE_MODULES = all(importlib.util.find_spec(m) is not None for m in ("numpy", "cv2", "dlib", "face_recognition"))
HAVE_SDK = importlib.util.find_spec("facecert_plugin") is not None


def require(condition: bool, why: str) -> None:
    """Skips the test when `condition` is false, or fails it under CI=true."""
    if condition:
        return
    if IN_CI:
        raise AssertionError(f"{why} (CI=true, so this is a failure, not a skip)")
    raise unittest.SkipTest(why)


def require_plugins() -> None:
    require(HAVE_MODULES, f"the plugin venv's modules are missing for {sys.executable}; run plugins/python/setup.sh "
                          "and use .venv-plugins/bin/python")
    require(HAVE_SDK, f"the Python SDK facecert_plugin.py is missing from {HERE}")


class CheckReferenceStatisticsTests(unittest.TestCase):
    def test_clopper_pearson_matches_closed_forms(self):
        # k = 0: upper = 1 - (alpha/2)^(1/n); k = n: lower = (alpha/2)^(1/n).
        lower, upper = check_reference.clopper_pearson(0, 102, 0.95)
        self.assertEqual(lower, 0.0)
        self.assertAlmostEqual(upper, 1 - 0.025 ** (1 / 102), places=10)
        lower, upper = check_reference.clopper_pearson(50, 50, 0.99)
        self.assertAlmostEqual(lower, 0.005 ** (1 / 50), places=10)
        self.assertEqual(upper, 1.0)

    def test_clopper_pearson_matches_published_table_value(self):
        # 5 of 10 at 95 %: [0.187086, 0.812914] (Clopper & Pearson; R binom.test).
        lower, upper = check_reference.clopper_pearson(5, 10, 0.95)
        self.assertAlmostEqual(lower, 0.187086, places=6)
        self.assertAlmostEqual(upper, 0.812914, places=6)

    def test_rounding_interval_follows_printed_decimals(self):
        self.assertEqual(check_reference.rounding_interval("0"), (0.0, 0.005))
        low, high = check_reference.rounding_interval("0.96")
        self.assertAlmostEqual(low, 0.00955)
        self.assertAlmostEqual(high, 0.00965)

    def result(self, fm, fnm, threshold=0.6):
        return {"threshold": {"value": threshold},
                "counts": {"matedPlanned": 102, "nonMatedPlanned": 10302, "matedFailed": 0, "nonMatedFailed": 0},
                "rates": [{"metric": "FMR", "errors": fm, "trials": 10302, "threshold": threshold},
                          {"metric": "FNMR", "errors": fnm, "trials": 102, "threshold": threshold}]}

    def test_reference_check_accepts_the_reference_counts_and_rejects_far_ones(self):
        passed = lambda r: all(ok for ok, _ in check_reference.check(r, "dlib-london", 0.99))  # noqa: E731
        self.assertTrue(passed(self.result(99, 0)))
        self.assertFalse(passed(self.result(200, 0)), "FMR 1.9 % is not 0.96 %")
        self.assertFalse(passed(self.result(40, 0)), "FMR 0.39 % is not 0.96 %")
        self.assertFalse(passed(self.result(99, 8)), "FNMR 8/102 is not 0 %")
        self.assertFalse(passed(self.result(99, 0, threshold=0.5)), "another threshold is another operating point")


class PluginProtocolTests(unittest.TestCase):
    """The plugins as facecert sees them: executables speaking the wire protocol."""

    @classmethod
    def plugin(cls, name: str, *arguments: str):
        import wire_host

        return wire_host.PluginProcess(" ".join([sys.executable, str(HERE / f"{name}_matcher.py"), *arguments]))

    def image(self, relative: str):
        require((FACES / "london").is_dir(), f"{FACES / 'london'} is missing (the shared faces)")
        import evaluate

        pixels = evaluate.load_pixels(FACES / relative)
        return pixels.shape[1], pixels.shape[0], 1 if pixels.ndim == 2 else 3, pixels.tobytes()

    def test_plugins_describe_their_score_kind_and_threshold(self):
        require_plugins()
        for name, kind, threshold in (("dlib", "distance", 0.6), ("sface", "similarity", 0.363)):
            plugin = self.plugin(name)
            try:
                self.assertEqual(plugin.describe["score_kind"], kind, name)
                self.assertEqual(plugin.describe["threshold"], threshold, name)
                self.assertTrue(plugin.describe["symmetric"], name)
            finally:
                plugin.close()

    def test_images_without_a_face_are_refused(self):
        require_plugins()
        import numpy as np
        import wire_host

        images = {"blank": (np.full((112, 92), 128, np.uint8), "faceDetectionError"),
                  "noise": (np.random.default_rng(7).integers(0, 256, (200, 200, 3), dtype=np.uint8),
                            "faceDetectionError"),
                  "tiny": (np.zeros((4, 4), np.uint8), "refuseInput"),
                  "narrow": (np.full((400, 31, 3), 200, np.uint8), "refuseInput")}
        for name in ("dlib", "sface"):
            plugin = self.plugin(name)
            try:
                for _ in range(3):  # a made-up detection on a tiny image was not reproducible every time
                    for label, (pixels, code) in images.items():
                        channels = 1 if pixels.ndim == 2 else 3
                        with self.assertRaises(wire_host.CallFailed, msg=f"{name} {label}") as raised:
                            plugin.create_template(pixels.shape[1], pixels.shape[0], channels, pixels.tobytes())
                        self.assertEqual(raised.exception.code, code, f"{name} {label}")
            finally:
                plugin.close()

    def test_whole_image_box_makes_a_template_without_detection(self):
        require_plugins()
        import numpy as np

        import wire_host

        blank = np.full((112, 92), 128, np.uint8)
        plugin = self.plugin("dlib", "--whole-image-box")
        try:
            self.assertTrue(plugin.describe["name"].endswith("-whole-image-box"))
            self.assertIn("whole image as face box", plugin.describe["version"])
            template = plugin.create_template(92, 112, 1, blank.tobytes())
            self.assertEqual(len(template), 4 + 128 * 8)
            with self.assertRaises(wire_host.CallFailed) as raised:
                plugin.create_template(8, 8, 1, bytes(64))
            self.assertEqual(raised.exception.code, "refuseInput", "too small even for the whole-image box")
        finally:
            plugin.close()

    def test_faces_give_deterministic_symmetric_scores_on_the_right_side_of_the_threshold(self):
        require_plugins()
        neutral_a, smiling_a = self.image("london/001/001_03.png"), self.image("london/001/001_08.png")
        neutral_b = self.image("london/002/002_03.png")
        for name in ("dlib", "sface"):
            plugin = self.plugin(name)
            try:
                a1 = plugin.create_template(*neutral_a)
                self.assertEqual(plugin.create_template(*neutral_a), a1, f"{name}: same pixels, same template")
                a2 = plugin.create_template(*smiling_a, role="verification")
                b1 = plugin.create_template(*neutral_b)
                mated, non_mated, reverse = plugin.compare([(a2, a1), (a2, b1), (a1, a2)])
                self.assertEqual(mated, reverse, f"{name}: symmetric")
                if plugin.describe["score_kind"] == "distance":
                    self.assertLessEqual(mated, 0.6, name)
                    self.assertGreater(non_mated, 0.6, name)
                else:
                    self.assertGreaterEqual(mated, 0.363, name)
                    self.assertLess(non_mated, 0.363, name)
            finally:
                plugin.close()

    def test_a_face_filling_a_large_image_is_found_and_matches_its_original(self):
        require_plugins()
        import numpy as np
        from PIL import Image

        width, height, channels, pixels = self.image("london/001/001_03.png")
        original = np.frombuffer(pixels, np.uint8).reshape(height, width, channels)
        large = np.asarray(Image.fromarray(original).resize((1600, 1600), Image.Resampling.BICUBIC))
        for name in ("dlib", "sface"):
            plugin = self.plugin(name)
            try:
                small_template = plugin.create_template(width, height, channels, pixels)
                large_template = plugin.create_template(1600, 1600, 3, large.tobytes())
                (score,) = plugin.compare([(large_template, small_template)])
                if plugin.describe["score_kind"] == "distance":
                    self.assertLessEqual(score, 0.6, name)
                else:
                    self.assertGreaterEqual(score, 0.363, name)
            finally:
                plugin.close()

    def test_foreign_templates_are_a_template_format_error_not_a_score(self):
        require_plugins()
        import wire_host

        for name in ("dlib", "sface"):
            plugin = self.plugin(name)
            try:
                (result,) = plugin.compare([(b"not a template", b"\x00" * 16)])
                self.assertIsInstance(result, wire_host.CallFailed, name)
                self.assertEqual(result.code, "templateFormatError", name)
            finally:
                plugin.close()

    def test_unknown_plugin_arguments_are_a_usage_error(self):
        require_plugins()
        for name, argument in (("dlib", "--whole-image"), ("sface", "--whole-image-box")):
            done = subprocess.run([sys.executable, str(HERE / f"{name}_matcher.py"), argument],
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
            self.assertEqual(done.returncode, 64, f"{name} {argument}: {done.stderr!r}")
            self.assertIn(b"unknown arguments", done.stderr, name)

    def test_a_plain_python3_reexecutes_into_the_plugin_venv(self):
        require_plugins()
        venv = pathlib.Path(sys.prefix)
        require((venv / "bin" / "python").is_file() and sys.prefix != sys.base_prefix,
                "these tests do not run inside a venv, so there is nothing to re-execute into")
        import wire_host

        base_python = pathlib.Path(sys.base_prefix) / "bin" / "python3"
        check = subprocess.run([str(base_python), "-c", "import dlib"], capture_output=True)
        require(check.returncode != 0, f"{base_python} can import dlib itself; no re-execution to test")
        os.environ["FACECERT_PLUGINS_VENV"] = str(venv)
        plugin = wire_host.PluginProcess(f"{base_python} {HERE / 'sface_matcher.py'}")
        try:
            self.assertEqual(plugin.describe["name"], "opencv-yunet-sface")
        finally:
            plugin.close()


if __name__ == "__main__":
    unittest.main()
