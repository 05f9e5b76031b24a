#!/usr/bin/env python3
"""Set-up in one command, with nothing but Python 3.11 on the machine.

    python3 dev.py start    install, migrate, load the demo data, serve on http://127.0.0.1:8000
    python3 dev.py test     install the test dependencies and run the whole suite

Everything goes into ./.venv and ./var; nothing is installed system-wide except, when run as
root on Debian, the system packages the platform calls (Tesseract OCR, Chromium for the browser
tests, poppler-utils).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
# command or file that shows the package is there -> Debian packages to install
SYSTEM_PACKAGES = {"tesseract": "tesseract-ocr tesseract-ocr-eng", "chromium": "chromium",
                   "pdftoppm": "poppler-utils",
                   # A CJK font, so Chinese PDF reports render.
                   "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc": "fonts-wqy-microhei"}


FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def run(*cmd: str, **kwargs) -> None:  # noqa: ANN003
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def ensure_venv(extras: str) -> None:
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", str(VENV))
    stamp = VENV / f".installed-{extras or 'base'}"
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target, cwd=ROOT)
    stamp.touch()


def ensure_system_packages(names: list[str]) -> None:
    missing = [SYSTEM_PACKAGES[n] for n in names
               if (not os.path.exists(n) if n.startswith("/") else shutil.which(n) is None)]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print("Missing system packages (install them, then retry): " + " ".join(missing))
        return
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *" ".join(missing).split(),
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def start(argv: list[str]) -> int:
    ensure_system_packages(["tesseract", "pdftoppm", FONT])
    ensure_venv("")
    cartpath = str(VENV / "bin" / "cartpath")
    run(cartpath, "demo", cwd=ROOT)
    os.chdir(ROOT)
    os.execv(cartpath, [cartpath, "serve", *argv])


def test(argv: list[str]) -> int:
    ensure_system_packages(["tesseract", "chromium", "pdftoppm", FONT])
    ensure_venv("test")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    code = subprocess.run([str(PYTHON), "-m", "pytest", *argv], cwd=ROOT, env=env).returncode
    # pytest exits 5 when a selection collected no test; that is not a failure of the suite.
    return 0 if code == 5 else code


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"start", "test"}:
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return start(rest) if command == "start" else test(rest)


if __name__ == "__main__":
    sys.exit(main())
