#!/usr/bin/env bash
# FaceImage PNG decoding must keep up with plain C libpng (issue 2, "Speed"): build the nested benchmark package in
# release mode and run it. The target is a ratio <= 1.05; the gate here is 1.10 so that a loaded shared CI machine
# does not fail the build on noise. The figures are printed for the log.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift run -c release --package-path Benchmarks facecert-benchmark --iterations 200 --max-ratio 1.10
