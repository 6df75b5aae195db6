#!/usr/bin/env bash
# Builds and tests Examples/VendorMatcher: a vendor's package that depends on facecert by path and asserts
# conformance with FaceCertTesting in its own `swift test` (issue 8). It has its own .build, so facecert's modules
# are compiled once more there: 4 min 19 s wall, 126 s CPU from cold on 2 cores (README, "Certify a Swift matcher in
# your tests").
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
swift test --package-path Examples/VendorMatcher -Xswiftc -warnings-as-errors
echo "ci: Examples/VendorMatcher built and tested in $(( $(date +%s) - start )) s"
