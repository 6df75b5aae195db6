#!/usr/bin/env bash
# BiometricMetrics vs scikit-learn det_curve on 10^5 mated + 10^7 non-mated scores, in the same run.
# Usage: Benchmarks/Metrics/run.sh [MATED] [NON_MATED] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")"
mated="${1:-100000}"
non_mated="${2:-10000000}"
repeats="${3:-3}"

if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -q numpy scikit-learn
fi
.venv-bench/bin/python generate.py .data "$mated" "$non_mated"
swift build -c release --product MetricsBenchmark >&2
swift_json="$(.build/release/MetricsBenchmark .data/mated.f64 .data/nonmated.f64 "$repeats")"
python_json="$(.venv-bench/bin/python sklearn_bench.py .data/mated.f64 .data/nonmated.f64 "$repeats")"
.venv-bench/bin/python - "$swift_json" "$python_json" <<'PY'
import json, sys
s, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"scores: {s['scores']:,} (mated + non-mated)")
print(f"facecert BiometricMetrics: {s['seconds']:.3f} s (best of runs; first {s['firstSeconds']:.3f} s)")
print(f"scikit-learn {p['sklearn']} det_curve: {p['seconds']:.3f} s (best of runs)")
print(f"speed-up: {p['seconds'] / s['seconds']:.2f}x (target >= 2x)")
print(f"peak memory: {s['bytesPerScore']:.2f} bytes/score (peak RSS {s['peakBytes'] / 2**20:.1f} MiB over "
      f"baseline {s['baselineBytes'] / 2**20:.1f} MiB; target < 16)")
print(f"EER: facecert {s['eer']:.10f}, sklearn {p['eer']:.10f}")
for k, v in s["fnmrAtFmr"].items():
    print(f"FNMR@FMR={k}: facecert {v}, sklearn {p['fnmrAtFmr'].get(repr(float(k)))}")
ok = p["seconds"] / s["seconds"] >= 2 and s["bytesPerScore"] < 16
print("PASS" if ok else "BELOW TARGET")
PY
