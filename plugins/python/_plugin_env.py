"""Finds the plugin venv made by setup.sh, so `exec:"python3 plugins/python/PLUGIN.py"` works from any python3.

When a plugin's third-party modules are not importable by the interpreter that started it, the plugin re-executes
itself (same arguments, same stdin/stdout) with the venv's interpreter: $FACECERT_PLUGINS_VENV/bin/python, else
.venv-plugins/bin/python at the repository root. Nothing is read from or written to stdin/stdout before that, so the
protocol stream is untouched. If there is no venv, the plugin exits with status 3 and says on stderr what to run.
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
import sys

_REEXEC_MARK = "FACECERT_PLUGIN_REEXECUTED"


def plugin_venv() -> pathlib.Path:
    """The plugin venv folder: $FACECERT_PLUGINS_VENV, else `<repository root>/.venv-plugins`."""
    configured = os.environ.get("FACECERT_PLUGINS_VENV")
    if configured:
        return pathlib.Path(configured)
    return pathlib.Path(__file__).resolve().parent.parent.parent / ".venv-plugins"


def models_folder() -> pathlib.Path:
    """Where setup.sh put the ONNX models: $FACECERT_PLUGIN_MODELS, else `models/` of the running venv."""
    configured = os.environ.get("FACECERT_PLUGIN_MODELS")
    if configured:
        return pathlib.Path(configured)
    return pathlib.Path(sys.prefix) / "models"


def ensure_modules(*modules: str) -> None:
    """Returns when every module is importable; otherwise re-executes with the plugin venv or exits with status 3."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if not missing:
        return
    venv_python = plugin_venv() / "bin" / "python"
    if venv_python.is_file() and os.environ.get(_REEXEC_MARK) != "1":
        os.environ[_REEXEC_MARK] = "1"
        script = os.path.abspath(sys.argv[0])
        os.execv(str(venv_python), [str(venv_python), script, *sys.argv[1:]])
    sys.stderr.write(
        f"{os.path.basename(sys.argv[0])}: the Python modules {', '.join(missing)} are missing for "
        f"{sys.executable}, and no plugin venv was found at {venv_python.parent.parent}. "
        "Run plugins/python/setup.sh (or set FACECERT_PLUGINS_VENV to the venv it made).\n"
    )
    sys.exit(3)
