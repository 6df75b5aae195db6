#!/usr/bin/env python3
"""Generate the fixed score sets and the expected values the BiometricMetrics tests compare against.

Writes Tests/BiometricMetricsTests/Fixtures/<name>.scores (one `m SCORE` or `n SCORE` per line, shortest
round-trip decimal) and Fixtures/expected.json, with numbers computed by:

  * scikit-learn (roc_curve with drop_intermediate=False): FMR/FNMR at thresholds, FNMR at FMR, and the EER by
    facecert's definition (argmin |FMR - FNMR| over sklearn's thresholds, ties to the higher threshold as
    bob.measure's eer_threshold does), evaluated on sklearn's curve;
  * pyeer (get_eer_stats): EER and the FVC2000 interval [EERlow, EERhigh];
  * bob.measure (eer, eer_threshold, far_threshold, farfrr), run in its own venv (it pins numpy < 2) through
    scripts/crosscheck/bob_values.py;
  * scipy.stats.beta (ppf / cdf) for Clopper-Pearson bounds and scipy.stats.norm.ppf for probits.

Usage (from the repository root):
    python3 -m venv .venv-crosscheck && .venv-crosscheck/bin/pip install numpy scipy scikit-learn pyeer
    python3 -m venv .venv-bob && .venv-bob/bin/pip install bob.measure
    .venv-crosscheck/bin/python scripts/crosscheck/make_expected.py
The Swift tests read only the committed files; Python is not needed at test time.
"""
import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pyeer.eer_info
from scipy import stats
from sklearn.metrics import roc_curve

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "BiometricMetricsTests", "Fixtures")
BOB_PYTHON = os.path.join(ROOT, ".venv-bob", "bin", "python")
FMR_TARGETS = [0.1, 0.05, 0.01, 0.001, 0.0001]


def score_sets():
    rng = np.random.default_rng(20261129)
    sets = {}
    sets["continuous"] = ("similarity", rng.normal(0.7, 0.1, 3000), rng.normal(0.3, 0.1, 20000))
    sets["ties"] = (
        "similarity",
        np.round(rng.normal(0.65, 0.12, 500), 2),
        np.round(rng.normal(0.35, 0.12, 5000), 2),
    )
    sets["distance"] = ("distance", rng.normal(0.4, 0.15, 1000), rng.normal(1.0, 0.15, 10000))
    sets["overlap"] = ("similarity", rng.normal(0.55, 0.2, 800), rng.normal(0.45, 0.2, 1200))
    sets["small"] = (
        "similarity",
        np.array([0.9, 0.8, 0.8, 0.5, 0.3]),
        np.array([0.8, 0.5, 0.4, 0.4, 0.2, 0.1, 0.1]),
    )
    # Integer-valued scores (many exact ties between the classes), as some matchers report.
    sets["integers"] = (
        "similarity",
        rng.integers(40, 101, 400).astype(float),
        rng.integers(0, 61, 4000).astype(float),
    )
    return sets


def write_scores(name, mated, non_mated):
    with open(os.path.join(FIXTURES, f"{name}.scores"), "w") as out:
        for score in mated:
            out.write(f"m {float(score)!r}\n")
        for score in non_mated:
            out.write(f"n {float(score)!r}\n")


def sklearn_values(kind, mated, non_mated):
    sign = 1.0 if kind == "similarity" else -1.0
    y = np.concatenate([np.ones(len(mated)), np.zeros(len(non_mated))])
    s = np.concatenate([mated, non_mated]) * sign
    fpr, tpr, thresholds = roc_curve(y, s, drop_intermediate=False)
    m, n = len(mated), len(non_mated)
    fm = np.rint(fpr * n).astype(np.int64)
    fnm = np.rint((1 - tpr) * m).astype(np.int64)
    # EER by facecert's definition on sklearn's points (thresholds descending: index order = stricter first).
    best = None
    for i in range(len(thresholds)):
        key = (abs(int(fm[i]) * m - int(fnm[i]) * n), -thresholds[i])
        if best is None or key < best[0]:
            best = (key, i)
    i = best[1]
    eer = (fm[i] / n + fnm[i] / m) / 2
    at_fmr = {}
    for x in FMR_TARGETS:
        ok = np.where(fm / n <= x)[0]
        j = ok[-1]  # most permissive (thresholds descend)
        at_fmr[repr(x)] = {
            "fmr": float(fm[j] / n),
            "fnmr": float(fnm[j] / m),
            "threshold": float(thresholds[j] * sign),
            "reachable": bool(x * n >= 1),
        }
    # Rates at a few thresholds (inclusive) taken from sklearn's own points.
    picks = sorted({1, len(thresholds) // 4, len(thresholds) // 2, 3 * len(thresholds) // 4, len(thresholds) - 1})
    at_threshold = [
        {"threshold": float(thresholds[j] * sign), "fmr": float(fpr[j]), "fnmr": float(1 - tpr[j])} for j in picks
    ]
    return {
        "eer": float(eer),
        "eerThreshold": float(thresholds[i] * sign),
        "fnmrAtFmr": at_fmr,
        "atThreshold": at_threshold,
        "curvePoints": len(thresholds),
    }


def pyeer_values(kind, mated, non_mated):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        st = pyeer.eer_info.get_eer_stats(list(map(float, mated)), list(map(float, non_mated)),
                                          ds_scores=(kind == "distance"))
    return {
        "eer": float(st.eer),
        "eerLow": float(st.eer_low),
        "eerHigh": float(st.eer_high),
        "eerThreshold": float(st.eer_th),
    }


def bob_values(name, kind):
    if not os.path.exists(BOB_PYTHON):
        sys.exit("missing .venv-bob (python3 -m venv .venv-bob && .venv-bob/bin/pip install bob.measure)")
    out = subprocess.run(
        [BOB_PYTHON, os.path.join(ROOT, "scripts", "crosscheck", "bob_values.py"),
         os.path.join(FIXTURES, f"{name}.scores"), kind, json.dumps(FMR_TARGETS)],
        check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def clopper_pearson_cases():
    cases = [
        (0, 10, 0.95), (0, 3000, 0.8), (1, 10, 0.95), (3, 100, 0.9), (5, 1000, 0.95), (50, 1000, 0.99),
        (499, 1000, 0.95), (10, 10, 0.95), (9, 10, 0.5), (3, 10_000_000, 0.95), (123, 1_000_000, 0.8),
        (5_000_000, 10_000_000, 0.95), (2, 3, 0.999), (1, 1_000_000, 0.95), (40, 100_000, 0.95),
        (10_000, 10_000_000, 0.95), (0, 1, 0.8), (1, 1, 0.8), (7, 50, 0.8), (250, 300, 0.9),
    ]
    # Plus a seeded random sweep over trial counts up to 10^8 and error rates down to 0, at common levels.
    rng = np.random.default_rng(7)
    for _ in range(150):
        n = int(10 ** rng.uniform(0, 8))
        k = int(min(n, np.floor(n * 10 ** rng.uniform(-7, 0)))) if rng.uniform() < 0.8 else int(rng.integers(0, min(n, 20) + 1))
        c = float(rng.choice([0.5, 0.8, 0.9, 0.95, 0.99, 0.999]))
        cases.append((k, n, c))
    rows = []
    for k, n, c in cases:
        upper = 1.0 if k == n else float(stats.beta.ppf(c, k + 1, n - k))
        tail = (1 - c) / 2
        lo2 = 0.0 if k == 0 else float(stats.beta.ppf(tail, k, n - k + 1))
        up2 = 1.0 if k == n else float(stats.beta.ppf(1 - tail, k + 1, n - k))
        rows.append({"errors": k, "trials": n, "confidence": c, "upperOneSided": upper,
                     "lowerTwoSided": lo2, "upperTwoSided": up2})
    return rows


def beta_cdf_cases():
    cases = [(0.3, 2.0, 5.0), (1e-6, 4.0, 9999997.0), (0.5, 500.0, 500.0), (0.99, 30.0, 0.5), (0.001, 0.5, 0.5),
             (0.2, 1.0, 3.0), (0.7, 20.0, 20.0), (0.4999, 5000000.0, 5000001.0), (2e-4, 3.0, 20000.0)]
    return [{"x": x, "a": a, "b": b, "cdf": float(stats.beta.cdf(x, a, b))} for x, a, b in cases]


def trials_needed_cases():
    """Smallest n with beta.ppf(C, p*n + 1, n - p*n) <= limit (bisection on scipy), facecert's definition."""
    cases = [(0.0, 1e-3, 0.95), (0.0, 1e-4, 0.8), (0.0005, 1e-3, 0.95), (0.002, 0.01, 0.9), (0.05, 0.06, 0.95)]
    rows = []
    for p, limit, c in cases:
        if p == 0:
            need = math.ceil(math.log1p(-c) / math.log1p(-limit))
        else:
            def shows(n):
                return stats.beta.ppf(c, p * n + 1, n - p * n) <= limit
            hi = 1
            while not shows(hi):
                hi *= 2
            lo = hi // 2
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if shows(mid):
                    hi = mid
                else:
                    lo = mid
            need = hi
        rows.append({"observedRate": p, "limit": limit, "confidence": c, "trialsNeeded": int(need)})
    return rows


def finite_json(value):
    """Strict JSON with exact doubles: every float is written as its shortest round-trip decimal string (JSON
    parsers need not round correctly; Swift's Double(String) does), ±infinity as "Infinity" / "-Infinity"."""
    if isinstance(value, float):
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_json(v) for v in value]
    return value


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    expected = {"generator": "scripts/crosscheck/make_expected.py",
                "versions": {}, "sets": {}}
    import sklearn
    import scipy
    import pyeer
    expected["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
                            "pyeer": getattr(pyeer, "__version__", "0.5.6")}
    for name, (kind, mated, non_mated) in score_sets().items():
        write_scores(name, mated, non_mated)
        # Read back exactly what was written so every tool sees the same doubles.
        mated = np.array([float(f"{float(v)!r}") for v in mated])
        non_mated = np.array([float(f"{float(v)!r}") for v in non_mated])
        bob = bob_values(name, kind)
        expected["versions"]["bob.measure"] = bob.pop("version")
        expected["sets"][name] = {
            "file": f"{name}.scores", "kind": kind, "mated": len(mated), "nonMated": len(non_mated),
            "sklearn": sklearn_values(kind, mated, non_mated),
            "pyeer": pyeer_values(kind, mated, non_mated),
            "bob": bob,
        }
    expected["clopperPearson"] = clopper_pearson_cases()
    expected["betaCDF"] = beta_cdf_cases()
    expected["trialsNeeded"] = trials_needed_cases()
    ps = [1e-300, 1e-10, 1e-6, 0.001, 0.02425, 0.3, 0.5, 0.9, 0.999999]
    expected["probit"] = [{"p": p, "quantile": float(stats.norm.ppf(p))} for p in ps]
    with open(os.path.join(FIXTURES, "expected.json"), "w") as out:
        json.dump(finite_json(expected), out, indent=1, sort_keys=True, allow_nan=False)
        out.write("\n")
    print(f"wrote {len(expected['sets'])} score sets and expected.json to {FIXTURES}")


if __name__ == "__main__":
    main()
