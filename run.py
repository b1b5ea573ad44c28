#!/usr/bin/env python3
"""One entry point that works on a fresh machine with only Python 3.11+.

    python3 run.py serve     # install, build site/dispatches.db from seeds/, serve it on :8001
    python3 run.py test      # install, run the whole test suite
    python3 run.py build     # install, build only
    python3 run.py ARGS...   # any other `dispatches` command, e.g. `export out/`

It creates .venv/ beside this file on first use and installs the project
(editable, with test extras) into it; it reinstalls when pyproject.toml changes.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"Creating {VENV} ...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / ".dispatches-installed"
    if stamp.exists() and stamp.read_text() == want:
        return
    print("Installing dispatches and its dependencies into .venv ...", file=sys.stderr)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(want)


def dispatches(*args: str) -> int:
    return subprocess.call([str(PY), "-m", "dispatches", *args], cwd=ROOT)


def become_dispatches(*args: str) -> int:
    """Run a long-lived `dispatches` command as this very process (POSIX), so that a
    signal sent to `run.py` (Ctrl-C, SIGTERM) reaches the server and stops it."""
    if os.name != "posix":
        return dispatches(*args)
    os.chdir(ROOT)
    sys.stdout.flush(), sys.stderr.flush()
    os.execv(str(PY), [str(PY), "-m", "dispatches", *args])


def main(argv: list[str]) -> int:
    ensure_env()
    command, rest = (argv[0], argv[1:]) if argv else ("serve", [])
    if command == "test":
        return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)
    if command == "serve":
        code = dispatches("build")
        if code not in (0, 3):          # 3: built, but some files were not (listed above)
            return code
        return become_dispatches("serve", *rest)
    return dispatches(command, *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
