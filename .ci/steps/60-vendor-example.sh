#!/usr/bin/env bash
# Builds and tests Examples/VendorMatcher: a vendor's package that depends on facecert by path and asserts
# conformance with FaceCertTesting in its own `swift test` (issue 8). It has its own .build, so facecert's modules
# are compiled once more there: from cold on 2 cores, 68 s wall (92 s CPU) when quiet, 4 min 19 s under load
# (README, "Certify a Swift matcher in your tests").
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
swift test --package-path Examples/VendorMatcher -Xswiftc -warnings-as-errors
echo "ci: Examples/VendorMatcher built and tested in $(( $(date +%s) - start )) s"
