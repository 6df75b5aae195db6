#!/usr/bin/env python3
"""Checks measured error rates against the reference points of ../shared/faces/README.md, within sampling tolerance.

    check_reference.py RESULT.json --reference dlib-london|sface-london|dlib-orl-whole [--confidence 0.99]

RESULT.json is either facecert's `report.json` (schema `facecert.report/1`: `threshold.value`, `rates[]` with
`metric`, `errors`, `trials`, `threshold`; `eer.value`; `counts`) or the summary written by evaluate.py, which
uses the same field names. Standard library only.

The rule, for each reference rate (FMR and FNMR at the stated threshold; EER for ORL):
- the reference is a rounded number: "0.96 %" stands for any true rate in [0.955 %, 0.965 %], "0 %" for [0, 0.5 %];
- the measured rate is k errors in n trials; its exact two-sided Clopper-Pearson interval at the given confidence
  (default 0.99) is computed from the binomial distribution;
- the check passes when that interval meets the reference's rounding interval: the measurement is then consistent
  with the reference up to sampling error. For an EER, n is the mated count at the EER point (the smaller side),
  k = round(EER * n).
It also checks that the run used the reference's threshold and that no comparison failed silently (failures are
listed). Exit 0 when all checks pass, 1 when one fails, 2 on unusable input.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

# (metric, printed value in percent, decimals printed) at the reference's threshold; from ../shared/faces/README.md.
REFERENCES = {
    "dlib-london": {"threshold": 0.6, "rates": [("FMR", "0.96"), ("FNMR", "0")],
                    "mated": 102, "nonMated": 10302},
    "sface-london": {"threshold": 0.363, "rates": [("FMR", "0.39"), ("FNMR", "0")],
                     "mated": 102, "nonMated": 10302},
    "dlib-orl-whole": {"threshold": None, "rates": [("EER", "9.1")], "mated": 1800, "nonMated": 78000},
}


def _log_binomial_pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(p) + (n - k) * math.log1p(-p))


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space from the mode outward (exact to ~1e-12)."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    terms = [_log_binomial_pmf(i, n, p) for i in range(0, k + 1)]
    top = max(terms)
    if top == -math.inf:
        return 0.0
    return min(1.0, math.exp(top) * math.fsum(math.exp(t - top) for t in terms))


def clopper_pearson(k: int, n: int, confidence: float) -> tuple[float, float]:
    """The exact two-sided Clopper-Pearson interval for k successes in n trials (Clopper & Pearson, 1934).

    lower solves P(X >= k | p) = alpha/2 (0 when k = 0); upper solves P(X <= k | p) = alpha/2 (1 when k = n);
    both found by bisection to 1e-12.
    """
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    alpha = 1.0 - confidence

    def solve(predicate) -> float:
        low, high = 0.0, 1.0
        for _ in range(60):
            middle = (low + high) / 2
            if predicate(middle):
                high = middle
            else:
                low = middle
        return (low + high) / 2

    lower = 0.0 if k == 0 else solve(lambda p: 1.0 - binomial_cdf(k - 1, n, p) >= alpha / 2)
    upper = 1.0 if k == n else solve(lambda p: binomial_cdf(k, n, p) <= alpha / 2)
    return lower, upper


def rounding_interval(printed_percent: str) -> tuple[float, float]:
    """The true rates a printed percentage stands for: "0.96" -> [0.955 %, 0.965 %], "0" -> [0, 0.5 %]."""
    decimals = len(printed_percent.split(".")[1]) if "." in printed_percent else 0
    half = 0.5 * 10.0 ** (-decimals) / 100.0
    value = float(printed_percent) / 100.0
    return max(0.0, value - half), min(1.0, value + half)


def find_rate(result: dict, metric: str, threshold: float | None) -> dict | None:
    """The `rates` entry for `metric` at `threshold` (any threshold when None, the first if several)."""
    for entry in result.get("rates", []):
        if entry.get("metric") != metric:
            continue
        if threshold is None or entry.get("threshold") is None or math.isclose(entry["threshold"], threshold,
                                                                                  rel_tol=0, abs_tol=1e-12):
            return entry
    return None


def check(result: dict, reference_name: str, confidence: float) -> list[tuple[bool, str]]:
    """Every check as (passed, sentence)."""
    reference = REFERENCES[reference_name]
    findings: list[tuple[bool, str]] = []
    threshold = reference["threshold"]
    used = (result.get("threshold") or {}).get("value")
    if threshold is not None:
        ok = used is not None and math.isclose(used, threshold, rel_tol=0, abs_tol=1e-12)
        findings.append((ok, f"threshold: run used {used}, reference point is at {threshold}"))
    counts = result.get("counts") or {}
    for key, planned in (("matedPlanned", reference["mated"]), ("nonMatedPlanned", reference["nonMated"])):
        if key in counts:
            findings.append((counts[key] == planned, f"{key}: {counts[key]} (the reference protocol has {planned})"))
    for key in ("matedFailed", "nonMatedFailed", "templatesFailed"):
        if counts.get(key):
            findings.append((False, f"{key}: {counts[key]} (every image of this set has a detectable face; "
                                    "failed templates or comparisons would hide errors)"))
    for metric, printed in reference["rates"]:
        low_ref, high_ref = rounding_interval(printed)
        if metric == "EER":
            eer = result.get("eer") or {}
            if eer.get("value") is None:
                findings.append((False, "EER: the result has no eer.value"))
                continue
            trials = int(counts.get("matedScored", reference["mated"]))
            errors = round(eer["value"] * trials)
            label = f"EER {eer['value']:.4%} (as {errors}/{trials} mated)"
        else:
            entry = find_rate(result, metric, threshold)
            if entry is None:
                findings.append((False, f"{metric}: no rate at threshold {threshold} in the result"))
                continue
            errors, trials = int(entry["errors"]), int(entry["trials"])
            label = f"{metric} {errors}/{trials} = {errors / trials:.4%}" if trials else f"{metric} 0/0"
            if trials == 0:
                findings.append((False, f"{metric}: no trials"))
                continue
        lower, upper = clopper_pearson(errors, trials, confidence)
        ok = lower <= high_ref and upper >= low_ref
        findings.append((ok, f"{label}: {confidence:.0%} Clopper-Pearson [{lower:.4%}, {upper:.4%}] "
                             f"{'meets' if ok else 'misses'} the reference {printed} % "
                             f"(rounding interval [{low_ref:.4%}, {high_ref:.4%}])"))
    return findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("result", help="report.json from facecert run, or an evaluate.py summary")
    parser.add_argument("--reference", required=True, choices=sorted(REFERENCES))
    parser.add_argument("--confidence", type=float, default=0.99)
    args = parser.parse_args()
    try:
        with open(args.result, encoding="utf-8") as handle:
            result = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"check_reference.py: cannot read {args.result}: {error}", file=sys.stderr)
        return 2
    if result.get("complete") is False:
        print(f"check_reference.py: {args.result} is an incomplete run (complete: false)", file=sys.stderr)
        return 1
    findings = check(result, args.reference, args.confidence)
    for ok, sentence in findings:
        print(f"  {'ok  ' if ok else 'FAIL'} {sentence}")
    failed = sum(1 for ok, _ in findings if not ok)
    print(f"check_reference: {len(findings) - failed} checks passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
