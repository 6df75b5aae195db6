#!/usr/bin/env bash
# CI step: the third-party matcher plugins (plugins/python: dlib ResNet, OpenCV YuNet+SFace) on real faces.
#   1. plugins/python/setup.sh makes (or re-checks) the plugin venv .venv-plugins/;
#   2. the plugins' unittest tests over the wire protocol (refusals, determinism, symmetry, format errors);
#   3. `facecert plugin validate` with each plugin on London faces (probes, determinism, symmetry, timing);
#   4. `facecert run` with each plugin on the London suite (vectors/london-neutral-smiling/1.0.0 over
#      ../shared/faces/london), and check_reference.py compares the report's FMR and FNMR with the reference points
#      of ../shared/faces/README.md within a 99 % Clopper-Pearson tolerance.
# Environment: FACECERT_PLUGINS_VENV (venv folder), PLUGIN_CI_MATCHERS (default "sface dlib"), CI.
set -euo pipefail
cd "$(dirname "$0")/../.."

step_started=$(date +%s)
venv="${FACECERT_PLUGINS_VENV:-$PWD/.venv-plugins}"
export FACECERT_PLUGINS_VENV="$venv"
faces="$(cd .. && pwd)/shared/faces"
matchers="${PLUGIN_CI_MATCHERS:-sface dlib}"
out="$(mktemp -d "${TMPDIR:-/tmp}/facecert-python-plugins.XXXXXX")"
trap 'rm -rf "$out"' EXIT

bash plugins/python/setup.sh "$venv"
python="$venv/bin/python"

echo "50-python-plugins: unit tests of the plugins"
"$python" -m unittest discover -s plugins/python/tests -v

if [ ! -d "$faces/london" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "50-python-plugins: $faces/london is missing; the end-to-end check needs the shared faces" >&2
        exit 1
    fi
    echo "50-python-plugins: SKIPPED the end-to-end check: $faces/london is missing (the shared faces)"
    exit 0
fi

bin_path="$(swift build --show-bin-path)"
[ -x "$bin_path/facecert" ] || swift build --product facecert
facecert="$bin_path/facecert"

for matcher in $matchers; do
    echo "50-python-plugins: facecert plugin validate, $matcher plugin, London faces"
    "$facecert" plugin validate --matcher "exec:'$python' plugins/python/${matcher}_matcher.py" \
        --faces "$faces/london"
done

for matcher in $matchers; do
    case "$matcher" in
        dlib) threshold=0.6 ;;
        sface) threshold=0.363 ;;
        *) echo "50-python-plugins: unknown matcher $matcher (use dlib or sface)" >&2; exit 1 ;;
    esac
    echo "50-python-plugins: facecert run, $matcher plugin, London suite"
    started=$(date +%s)
    status=0
    "$facecert" run --suite vectors/london-neutral-smiling/1.0.0 --images "$faces/london" \
        --profile nist-frte-1to1-reporting --matcher "exec:'$python' plugins/python/${matcher}_matcher.py" \
        --threshold "$threshold" --out "$out/$matcher" --format json,md || status=$?
    # The reporting-only profile has no "shall" requirement, so a completed run exits 0.
    if [ "$status" -ne 0 ]; then
        echo "50-python-plugins: facecert run with the $matcher plugin exited with status $status" >&2
        exit 1
    fi
    echo "50-python-plugins: $matcher run took $(( $(date +%s) - started )) s"
    python3 plugins/python/check_reference.py "$out/$matcher/report.json" --reference "$matcher-london"
done
echo "50-python-plugins: done in $(( $(date +%s) - step_started )) s"
