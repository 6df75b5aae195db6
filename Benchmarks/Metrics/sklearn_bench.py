#!/usr/bin/env python3
"""The same computation with scikit-learn's det_curve: EER (argmin |FPR - FNR|, mean there) and FNMR at
FMR 1e-2..1e-6 (min FNR over points with FPR <= x, NaN when x < 1/N). Times det_curve plus that arithmetic, not
the file reading or label construction. Prints one JSON object."""
import json
import sys
import time

import numpy as np
from sklearn.metrics import det_curve

mated = np.fromfile(sys.argv[1], dtype="<f8")
non_mated = np.fromfile(sys.argv[2], dtype="<f8")
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
y = np.concatenate([np.ones(len(mated), dtype=np.int8), np.zeros(len(non_mated), dtype=np.int8)])
s = np.concatenate([mated, non_mated])
best = None
for _ in range(repeats):
    start = time.perf_counter()
    fpr, fnr, thresholds = det_curve(y, s)
    i = np.argmin(np.abs(fpr - fnr))
    eer = (fpr[i] + fnr[i]) / 2
    at = {}
    for x in [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]:
        ok = fpr <= x
        at[repr(x)] = float(fnr[ok].min()) if x * len(non_mated) >= 1 and ok.any() else None
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
import sklearn
print(json.dumps({"seconds": best, "eer": float(eer), "eerThreshold": float(thresholds[i]), "fnmrAtFmr": at,
                  "sklearn": sklearn.__version__}))
