#!/usr/bin/env python3
"""bob.measure's numbers for one fixture file; run by make_expected.py with .venv-bob's Python.

Usage: bob_values.py FILE.scores similarity|distance '[0.01, 0.001]'
Prints JSON: eer, eerThreshold (bob's threshold is a midpoint between scores), farThreshold per FMR target with
bob's farfrr there, all in the caller's score units (distance scores are negated for bob, which assumes
similarity, and the thresholds negated back).
"""
import json
import sys
from importlib.metadata import version

import numpy as np
import bob.measure

path, kind, targets = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sign = 1.0 if kind == "similarity" else -1.0
pos, neg = [], []
for line in open(path):
    label, score = line.split()
    (pos if label == "m" else neg).append(float(score) * sign)
pos, neg = np.array(pos), np.array(neg)
threshold = bob.measure.eer_threshold(neg, pos)
far, frr = bob.measure.farfrr(neg, pos, threshold)
result = {"version": version("bob.measure"), "eer": float((far + frr) / 2), "eerThreshold": float(threshold * sign),
          "eerFMR": float(far), "eerFNMR": float(frr), "farThreshold": {}}
for x in targets:
    t = bob.measure.far_threshold(neg, pos, x)
    fa, fr = bob.measure.farfrr(neg, pos, t)
    result["farThreshold"][repr(x)] = {"threshold": float(t * sign), "fmr": float(fa), "fnmr": float(fr)}
print(json.dumps(result))
