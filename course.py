#!/usr/bin/env python3
"""Set up and run the course with nothing but Python installed.

    python3 course.py lab      # install into .venv (first time only) and open JupyterLab
    python3 course.py test     # install into .venv (first time only) and run every test
    python3 course.py release --sets 02 --mode practice|assessed --out DIR
                               # student copies of exercise sets (docs/teaching.md)
    python3 course.py grade SUBMISSIONS --out DIR
                               # grade a folder of submitted notebooks, class report
    python3 course.py site     # build the course as an offline static site in _build/site

Both create a virtual environment in ``.venv`` next to this file and install the course
with the versions in ``constraints.txt`` (the set tested together). Extra arguments go to
JupyterLab or pytest, e.g. ``python3 course.py lab --allow-root`` (needed as root) or
``python3 course.py test -x tests/test_metrics.py``. ``--newest`` installs the newest
releases instead of the tested versions (in ``.venv-newest``), to see whether an upgrade
breaks anything.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
START = "notebooks/00_start_here.ipynb"


def lab_args(start: str = START) -> list[str]:
    """JupyterLab options: serve the repository root (so every relative link between
    notebooks/, exercises/ and data/ resolves) and open ``start``; the URL the server
    prints is that notebook's."""
    url = "/lab/tree/" + start.replace(os.sep, "/")
    return [f"--ServerApp.root_dir={ROOT}", f"--ServerApp.default_url={url}",
            f"--LabApp.default_url={url}"]


def _bin(env: Path, name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return env / folder / f"{name}{suffix}"


def ensure_env(extras: str, newest: bool) -> Path:
    """Create the virtual environment and install the course, unless already done with the
    same pyproject and constraints and at least the requested extras (so switching between
    ``lab`` and ``test`` does not reinstall)."""
    env = ROOT / (".venv-newest" if newest else ".venv")
    stamp = env / ".course-installed"
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    files = digest.hexdigest()
    wanted = {extras} - {""}
    done: set[str] = set()
    if stamp.exists() and _bin(env, "python").exists():
        try:
            recorded = json.loads(stamp.read_text())
        except ValueError:
            recorded = {}
        if recorded.get("files") == files:
            done = set(recorded.get("extras", []))
            if wanted <= done:
                return env
    if not _bin(env, "python").exists():
        print(f"course: creating {env.name} ...", flush=True)
        try:
            venv.create(env, with_pip=True)
        except (subprocess.CalledProcessError, OSError) as err:
            sys.exit(f"course: could not create {env} ({err}). This Python cannot make virtual "
                     "environments with pip (ensurepip); on Debian or Ubuntu run "
                     "`apt install python3-venv` and try again.")
    python = str(_bin(env, "python"))
    install = sorted(wanted | done)
    spec = f".[{','.join(install)}]" if install else "."
    cmd = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", spec]
    if not newest:
        cmd += ["-c", "constraints.txt"]
    else:
        cmd += ["--upgrade", "--upgrade-strategy", "eager"]
    print("course: " + " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)
    stamp.write_text(json.dumps({"files": files, "extras": install}))
    return env


def _workers(rest: list[str]) -> list[str]:
    """pytest-xdist options: one worker per CPU (at most 4), whole files per worker
    (``--dist loadfile``: nbval needs a notebook's cells in one kernel). Nothing when the
    caller chose (``-n``, ``-p no:xdist``) or when there is one CPU."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses", "--dist")) for a in rest) \
            or "no:xdist" in rest:
        return []
    cpus = min(os.cpu_count() or 1, 4)
    return ["-n", str(cpus), "--dist", "loadfile"] if cpus > 1 else []


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("lab", "test", "release", "grade", "site"):
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    if action == "site":
        # the site builder runs in the course environment (chengyu_lib, fontTools) and
        # installs Jupyter Book into its own .venv-site
        env = ensure_env("", False)
        return subprocess.call([str(_bin(env, "python")), str(ROOT / "scripts" / "build_site.py"),
                                *rest], cwd=ROOT)
    if action in ("release", "grade"):
        # the classroom commands run inside the course environment
        env = ensure_env("", "--newest" in rest)
        rest = [a for a in rest if a != "--newest"]
        cmd = [str(_bin(env, "python")), "-m", "chengyu_lib.classroom", action, *rest]
        return subprocess.call(cmd)
    newest = "--newest" in rest
    rest = [a for a in rest if a != "--newest"]
    if action == "lab":
        env = ensure_env("", newest)
        cmd = [str(_bin(env, "jupyter")), "lab", *lab_args(), *rest]
    else:
        env = ensure_env("test", newest)
        cmd = [str(_bin(env, "python")), "-m", "pytest", *_workers(rest), *rest]
    os.chdir(ROOT)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
