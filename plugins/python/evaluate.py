#!/usr/bin/env python3
"""Standalone evaluation of the plugin matchers on ../shared/faces, without facecert.

    evaluate.py --matcher dlib|sface --set london|orl [--faces DIR] [--whole-image-box] [--via-protocol]
                [--threshold T] [--workers N] [--out F]

Calls the same `create_template` / `compare` code the plugins serve (or, with --via-protocol, starts the plugin
executables and speaks the wire protocol to them through wire_host.py), on the comparison protocol of
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
    except (module.NoFaceDetected, module.InputRefused) as refusal:
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


def _direct_templates(args, images):
    """Templates through the matcher functions in `workers` forked processes: [(path, template|None, error, s)]."""
    context = multiprocessing.get_context("fork")
    with context.Pool(args.workers, _init_worker, (args.matcher, args.whole_image_box)) as pool:
        return pool.map(_template, [str(p) for p in images], chunksize=4)


def plugin_command(args) -> str:
    """The plugin's command line, as `--matcher exec:"..."` would give it to facecert."""
    script = pathlib.Path(__file__).resolve().parent / f"{args.matcher}_matcher.py"
    return f"{sys.executable} {script}" + (" --whole-image-box" if args.whole_image_box else "")


def _protocol_templates(args, images, plugins):
    """Templates through `workers` running plugin processes speaking the wire protocol, one thread each."""
    import queue
    import threading

    import wire_host

    work: queue.Queue = queue.Queue()
    for index, path in enumerate(images):
        work.put((index, path))
    results = [None] * len(images)
    errors = []

    def drive(plugin):
        while True:
            try:
                index, path = work.get_nowait()
            except queue.Empty:
                return
            pixels = load_pixels(path)
            channels = 1 if pixels.ndim == 2 else 3
            started = time.perf_counter()
            try:
                template, error = plugin.create_template(pixels.shape[1], pixels.shape[0], channels,
                                                         pixels.tobytes()), None
            except wire_host.CallFailed as failure:
                template, error = None, str(failure)
            except wire_host.ProtocolError as failure:
                errors.append(failure)
                return
            results[index] = (str(path), template, error, time.perf_counter() - started)

    threads = [threading.Thread(target=drive, args=(plugin,)) for plugin in plugins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"evaluate.py: the plugin broke the protocol: {errors[0]}")
    return results


def evaluate(args) -> dict:
    images, mated_pairs, non_mated_pairs = protocol(args.set, args.faces)
    plugins = []
    if args.via_protocol:
        import wire_host

        command = plugin_command(args)
        plugins = [wire_host.PluginProcess(command) for _ in range(args.workers)]
        described = plugins[0].describe
    started = time.perf_counter()
    try:
        results = _protocol_templates(args, images, plugins) if plugins else _direct_templates(args, images)
        template_wall = time.perf_counter() - started
        _init_worker(args.matcher, args.whole_image_box)
        _, direct_compare, module = _worker
        templates = [r[1] for r in results]
        refused = {str(pathlib.Path(r[0]).relative_to(args.faces)): r[2] for r in results if r[1] is None}

        def scores(pairs):
            usable = [(v, e) for v, e in pairs if templates[v] is not None and templates[e] is not None]
            started = time.perf_counter()
            if plugins:
                values = []
                for first in range(0, len(usable), 2000):
                    batch = [(templates[v], templates[e]) for v, e in usable[first:first + 2000]]
                    for score in plugins[0].compare(batch):
                        if not isinstance(score, float):
                            raise SystemExit(f"evaluate.py: a comparison failed: {score}")
                        values.append(score)
            else:
                values = [direct_compare(templates[v], templates[e]) for v, e in usable]
            per_call = (time.perf_counter() - started) / len(usable) if usable else None
            return np.array(values), len(pairs) - len(usable), per_call

        compare_started = time.perf_counter()
        mated, mated_failed, _ = scores(mated_pairs)
        non_mated, non_mated_failed, per_comparison = scores(non_mated_pairs)
        compare_wall = time.perf_counter() - compare_started

        # Determinism: the first images again must give the same bytes.
        for path, template in list(zip(images, templates))[:4]:
            if plugins:
                pixels = load_pixels(path)
                try:
                    again = plugins[0].create_template(pixels.shape[1], pixels.shape[0],
                                                       1 if pixels.ndim == 2 else 3, pixels.tobytes())
                except Exception:  # a refusal again is the same outcome
                    again = None
            else:
                again = _template(str(path))[1]
            if again != template:
                raise SystemExit(f"evaluate.py: {path} gave a different template the second time; not deterministic")
    finally:
        for plugin in plugins:
            plugin.close()
    if plugins and (described["score_kind"] != module.SCORE_KIND or described["threshold"] != module.DECLARED_THRESHOLD):
        raise SystemExit(f"evaluate.py: the plugin describes itself as {described}, not as its module says")

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
        "via": f"wire protocol, exec:\"{plugin_command(args)}\"" if plugins else "matcher functions",
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
            "comparisonMeanSeconds": per_comparison,
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
    parser.add_argument("--via-protocol", action="store_true",
                        help="run the plugin executables over the wire protocol (as facecert does) instead of "
                             "calling the matcher functions")
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
