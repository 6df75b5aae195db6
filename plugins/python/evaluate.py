#!/usr/bin/env python3
"""Standalone evaluation of the plugin matchers on ../shared/faces, without facecert.

    evaluate.py --matcher dlib|sface --set london|orl [--faces DIR] [--whole-image-box] [--workers N] [--out F]

Calls the same `create_template` / `compare` code the plugins serve, on the comparison protocol of
../shared/faces/README.md:
- london: 102 mated pairs (smiling `_08` as verification vs neutral `_03` as enrolment of the same subject) and
  10,302 non-mated pairs (smiling of B vs neutral of A, A != B);
- orl: all unordered pairs of the 400 images: 1,800 mated, 78,000 non-mated.
Writes a JSON summary whose `rates` entries have the fields of facecert's report.json (`metric`, `errors`,
`trials`, `value`, `threshold`), so check_reference.py reads both. FMR and FNMR exclude comparisons that lack a
template (failures are counted separately), as ISO/IEC 19795-1 defines comparison-level rates; acceptance is
inclusive (distance <= t, similarity >= t), as facecert's ScoreKind.accepts is.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pathlib
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _plugin_env  # noqa: E402

_plugin_env.ensure_modules("numpy", "PIL")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
DEFAULT_FACES = ROOT.parent / "shared" / "faces"

_worker = None


def _load_matcher(name: str, whole_image_box: bool):
    """(create_template(pixels) -> bytes, compare(a, b) -> float, module) for a matcher name."""
    if name == "dlib":
        import dlib_matcher as module

        return (lambda pixels: module.create_template(pixels, whole_image_box)), module.compare, module
    if name == "sface":
        import sface_matcher as module

        matcher = module.SFace()
        return matcher.create_template, matcher.compare, module
    raise SystemExit(f"evaluate.py: unknown matcher {name!r}; use dlib or sface")


def _init_worker(name: str, whole_image_box: bool) -> None:
    global _worker
    _worker = _load_matcher(name, whole_image_box)


def load_pixels(path: pathlib.Path) -> np.ndarray:
    """The PNG as (H, W) uint8 for grey images and (H, W, 3) RGB for colour ones, as facecert hands them over."""
    with Image.open(path) as image:
        image = image.convert("L") if image.mode in ("L", "I;16", "I", "1", "LA") else image.convert("RGB")
        return np.asarray(image, dtype=np.uint8)


def _template(path: str):
    create, _, module = _worker
    pixels = load_pixels(pathlib.Path(path))
    started = time.perf_counter()
    try:
        template = create(pixels)
        error = None
    except module.NoFaceDetected as refusal:
        template, error = None, str(refusal)
    return path, template, error, time.perf_counter() - started


def protocol(set_name: str, faces: pathlib.Path):
    """(image paths, mated pairs, non-mated pairs); a pair is (verification index, enrolment index)."""
    if set_name == "london":
        subjects = sorted(p.name for p in (faces / "london").iterdir() if p.is_dir())
        images = []
        for subject in subjects:
            images += [faces / "london" / subject / f"{subject}_03.png", faces / "london" / subject / f"{subject}_08.png"]
        neutral = {s: 2 * i for i, s in enumerate(subjects)}
        smiling = {s: 2 * i + 1 for i, s in enumerate(subjects)}
        mated = [(smiling[s], neutral[s]) for s in subjects]
        non_mated = [(smiling[b], neutral[a]) for a in subjects for b in subjects if a != b]
        return images, mated, non_mated
    if set_name == "orl":
        subjects = sorted(p.name for p in (faces / "orl").iterdir() if p.is_dir())
        images, owner = [], []
        for subject in subjects:
            for path in sorted((faces / "orl" / subject).glob("*.png")):
                images.append(path)
                owner.append(subject)
        mated, non_mated = [], []
        for i in range(len(images)):
            for j in range(i + 1, len(images)):
                (mated if owner[i] == owner[j] else non_mated).append((j, i))
        return images, mated, non_mated
    raise SystemExit(f"evaluate.py: unknown set {set_name!r}; use london or orl")


def rate(metric: str, errors: int, trials: int, threshold: float) -> dict:
    return {"metric": metric, "errors": errors, "trials": trials,
            "value": errors / trials if trials else None, "threshold": threshold}


def equal_error_rate(mated: np.ndarray, non_mated: np.ndarray, similarity: bool) -> dict:
    """EER: the threshold among the observed scores where |FMR - FNMR| is smallest; value = their mean there."""
    if not similarity:
        mated, non_mated = -mated, -non_mated
    candidates = np.unique(np.concatenate([mated, non_mated]))
    mated_sorted, non_sorted = np.sort(mated), np.sort(non_mated)
    # Accept when score >= t (after turning distances into similarities).
    fnmr = np.searchsorted(mated_sorted, candidates, side="left") / len(mated)
    fmr = 1.0 - np.searchsorted(non_sorted, candidates, side="left") / len(non_mated)
    best = int(np.argmin(np.abs(fmr - fnmr)))
    threshold = float(candidates[best]) if similarity else float(-candidates[best])
    return {"value": float((fmr[best] + fnmr[best]) / 2), "threshold": threshold,
            "fmr": float(fmr[best]), "fnmr": float(fnmr[best])}


def evaluate(args) -> dict:
    images, mated_pairs, non_mated_pairs = protocol(args.set, args.faces)
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.workers, _init_worker, (args.matcher, args.whole_image_box)) as pool:
        results = pool.map(_template, [str(p) for p in images], chunksize=4)
    template_wall = time.perf_counter() - started
    _init_worker(args.matcher, args.whole_image_box)
    _, compare, module = _worker
    templates = [r[1] for r in results]
    refused = {str(pathlib.Path(r[0]).relative_to(args.faces)): r[2] for r in results if r[1] is None}

    def scores(pairs):
        values, failed, durations = [], 0, []
        for v, e in pairs:
            if templates[v] is None or templates[e] is None:
                failed += 1
                continue
            t0 = time.perf_counter()
            values.append(compare(templates[v], templates[e]))
            durations.append(time.perf_counter() - t0)
        return np.array(values), failed, durations

    compare_started = time.perf_counter()
    mated, mated_failed, d1 = scores(mated_pairs)
    non_mated, non_mated_failed, d2 = scores(non_mated_pairs)
    compare_wall = time.perf_counter() - compare_started

    # Determinism: the first images again, in this process, must give the same bytes.
    for path, template in list(zip(images, templates))[:4]:
        again = _template(str(path))[1]
        if again != template:
            raise SystemExit(f"evaluate.py: {path} gave a different template the second time; not deterministic")

    similarity = module.SCORE_KIND == "similarity"
    t = args.threshold if args.threshold is not None else module.DECLARED_THRESHOLD
    accepted = (lambda s: s >= t) if similarity else (lambda s: s <= t)
    fnm = int(np.sum(~accepted(mated)))
    fm = int(np.sum(accepted(non_mated)))
    template_times = [r[3] for r in results]
    return {
        "kind": "facecert-plugin-evaluation/1",
        "matcher": {"name": module.NAME + ("-whole-image-box" if args.whole_image_box else ""),
                    "version": module.VERSION, "scoreKind": module.SCORE_KIND,
                    "declaredThreshold": module.DECLARED_THRESHOLD},
        "set": args.set,
        "threshold": {"value": t, "source": "command-line" if args.threshold is not None else "declared"},
        "counts": {"images": len(images), "templatesAttempted": len(images), "templatesFailed": len(refused),
                   "matedPlanned": len(mated_pairs), "nonMatedPlanned": len(non_mated_pairs),
                   "matedScored": len(mated), "nonMatedScored": len(non_mated),
                   "matedFailed": mated_failed, "nonMatedFailed": non_mated_failed},
        "refused": refused,
        "rates": [rate("FMR", fm, len(non_mated), t), rate("FNMR", fnm, len(mated), t)],
        "eer": equal_error_rate(mated, non_mated, similarity) if len(mated) and len(non_mated) else None,
        "timing": {
            "workers": args.workers,
            "templateWallSeconds": template_wall,
            "templateMedianSeconds": statistics.median(template_times),
            "templateMeanSeconds": statistics.fmean(template_times),
            "comparisonWallSeconds": compare_wall,
            "comparisonMedianSeconds": statistics.median(d1 + d2) if d1 + d2 else None,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--matcher", required=True, choices=["dlib", "sface"])
    parser.add_argument("--set", required=True, choices=["london", "orl"])
    parser.add_argument("--faces", type=pathlib.Path, default=DEFAULT_FACES,
                        help=f"the shared faces folder (default {DEFAULT_FACES})")
    parser.add_argument("--whole-image-box", action="store_true", help="dlib only: the whole image is the face box")
    parser.add_argument("--threshold", type=float, help="operating threshold (default: the matcher's declared one)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="template processes (default: cores)")
    parser.add_argument("--out", type=pathlib.Path, help="write the JSON summary here (default: stdout only)")
    args = parser.parse_args()
    if not (args.faces / args.set).is_dir():
        raise SystemExit(f"evaluate.py: {args.faces / args.set} is missing; pass --faces DIR (the shared faces folder)")
    if args.whole_image_box and args.matcher != "dlib":
        raise SystemExit("evaluate.py: --whole-image-box applies to --matcher dlib only")
    summary = evaluate(args)
    text = json.dumps(summary, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
