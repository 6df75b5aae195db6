#!/usr/bin/env python3
"""Write the benchmark's score sets as raw float64: mated ~ N(0.7, 0.1), non-mated ~ N(0.3, 0.1), seeded."""
import os
import sys

import numpy as np

out, mated, non_mated = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261129)
rng.normal(0.7, 0.1, mated).astype("<f8").tofile(os.path.join(out, "mated.f64"))
rng.normal(0.3, 0.1, non_mated).astype("<f8").tofile(os.path.join(out, "nonmated.f64"))
