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

Needs Python 3.10 or newer. A ``.venv`` that cannot work (an interrupted set-up, a missing
interpreter, an old Python, no pip, packages gone) is rebuilt or reinstalled, with a note.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
START = "notebooks/00_start_here.ipynb"
COMMANDS = ("lab", "test", "release", "grade", "site")
STAMP = ".course-installed"      # written last, once the install has succeeded
CREATING = ".course-creating"    # present while a venv is being made; removed when done


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


def _pyproject() -> str:
    path = ROOT / "pyproject.toml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def min_python() -> tuple[int, int]:
    """The oldest Python the course supports, from ``requires-python`` (>=3.X)."""
    m = re.search(r'^requires-python\s*=\s*"\s*>=\s*(\d+)\.(\d+)', _pyproject(), re.M)
    return (int(m.group(1)), int(m.group(2))) if m else (3, 10)


def _project_name() -> str:
    m = re.search(r'^name\s*=\s*"([^"]+)"', _pyproject(), re.M)
    return m.group(1) if m else "chengyu-lib"


def check_python(version=None) -> None:
    """Stop, before anything is created, if this Python is too old for the course."""
    have = tuple((version or sys.version_info)[:2])
    need = min_python()
    if have < need:
        sys.exit(f"course: Python {need[0]}.{need[1]} or newer is needed; this is "
                 f"Python {have[0]}.{have[1]} ({sys.executable}). Install a newer Python "
                 f"(e.g. python{need[0]}.{need[1] + 1}) and run it: "
                 f"python3.{need[1] + 1} course.py ...")


# Run with the venv's own Python: what it is, whether it has pip, and which of the course's
# requirements (for the installed extras) importlib.metadata cannot find.
_PROBE = r"""
import importlib.metadata as md, importlib.util, json, re, sys
name, extras = sys.argv[1], set(sys.argv[2:])
missing = []
try:
    reqs = md.requires(name) or []
except md.PackageNotFoundError:
    reqs, missing = [], [name]
for req in reqs:
    dist, _, marker = req.partition(";")
    wanted = re.findall(r"extra\s*==\s*\W([\w.-]+)\W", marker)
    if wanted and not extras.intersection(wanted):
        continue
    dist = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", dist).group(1)
    try:
        md.distribution(dist)
    except md.PackageNotFoundError:
        missing.append(dist)
print(json.dumps({"version": list(sys.version_info[:2]),
                  "pip": importlib.util.find_spec("pip") is not None, "missing": missing}))
"""


def _probe(env: Path, extras) -> dict | None:
    """What the venv's Python reports about itself, or None if it does not run."""
    python = _bin(env, "python")
    if not python.exists():
        return None
    try:
        out = subprocess.run([str(python), "-I", "-c", _PROBE, _project_name(), *extras],
                             capture_output=True, text=True, timeout=60)
        return json.loads(out.stdout) if out.returncode == 0 else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def _digest() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _create(env: Path) -> None:
    """Make a fresh venv with pip; a marker file says "unfinished" until it is done."""
    env.mkdir(parents=True)
    (env / CREATING).write_text("course.py is creating this environment\n")
    venv.create(env, with_pip=True)
    (env / CREATING).unlink()


def _install(env: Path, spec: str, newest: bool) -> None:
    cmd = [str(_bin(env, "python")), "-m", "pip", "install", "--disable-pip-version-check",
           "-q", "-e", spec]
    if not newest:
        cmd += ["-c", "constraints.txt"]
    else:
        cmd += ["--upgrade", "--upgrade-strategy", "eager"]
    print("course: " + " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def _rebuild_reason(env: Path, extras) -> tuple[str | None, dict | None]:
    """Why ``env`` must be made again (None if it can be used), and its probe."""
    if (env / CREATING).exists():
        return "an earlier set-up was interrupted", None
    if not (env / "pyvenv.cfg").exists():
        if any(env.iterdir()):
            sys.exit(f"course: {env} exists but is not a virtual environment (no "
                     "pyvenv.cfg); move it away or delete it, then run this again.")
        return "it is empty", None
    probe = _probe(env, extras)
    if probe is None:
        return "its Python interpreter is missing or does not start", None
    have, need = tuple(probe["version"]), min_python()
    if have < need:
        return (f"it was made with Python {have[0]}.{have[1]} and the course needs "
                f"{need[0]}.{need[1]} or newer"), probe
    if not probe["pip"]:
        return "it has no pip", probe
    return None, probe


def ensure_env(extras: str, newest: bool) -> Path:
    """Create the virtual environment and install the course, unless already done with the
    same pyproject and constraints and at least the requested extras (so switching between
    ``lab`` and ``test`` does not reinstall).

    A venv that cannot work (interrupted set-up, interpreter missing, too old a Python, no
    pip) is removed and made again, saying why; one whose packages went missing despite
    the stamp is installed into again. The stamp is written last, so an install that was
    interrupted is repeated on the next run.
    """
    env = ROOT / (".venv-newest" if newest else ".venv")
    stamp = env / STAMP
    files = _digest()
    wanted = {extras} - {""}
    done: set[str] = set()
    probe = None
    if env.exists():
        reason, probe = _rebuild_reason(env, sorted(wanted))
        if reason is not None:
            if Path(sys.prefix).resolve() == env.resolve():
                sys.exit(f"course: {env.name} cannot be rebuilt while it runs this script "
                         f"({reason}); run course.py with the system python3 instead.")
            print(f"course: {env.name} cannot be used ({reason}); rebuilding it.", flush=True)
            shutil.rmtree(env)
    if env.exists() and stamp.exists():
        try:
            recorded = json.loads(stamp.read_text())
        except ValueError:
            recorded = {}
        if isinstance(recorded, dict) and recorded.get("files") == files:
            done = set(recorded.get("extras", []))
            if wanted <= done:
                if not probe["missing"]:
                    return env
                print(f"course: {env.name} lacks {', '.join(probe['missing'])} although "
                      "it was installed; installing again.", flush=True)
    if not env.exists():
        print(f"course: creating {env.name} ...", flush=True)
        try:
            _create(env)
        except (subprocess.CalledProcessError, OSError) as err:
            shutil.rmtree(env, ignore_errors=True)
            sys.exit(f"course: could not create {env} ({err}). This Python cannot make virtual "
                     "environments with pip (ensurepip); on Debian or Ubuntu run "
                     "`apt install python3-venv` and try again.")
    install = sorted(wanted | done)
    spec = f".[{','.join(install)}]" if install else "."
    stamp.unlink(missing_ok=True)          # not trusted until this install has finished
    try:
        _install(env, spec, newest)
    except subprocess.CalledProcessError as err:
        sys.exit(f"course: installing the course into {env.name} failed (pip exit "
                 f"{err.returncode}); read pip's messages above, fix the cause (e.g. the "
                 "network) and run the same command again.")
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
    if argv[:1] in (["-h"], ["--help"], ["help"]):
        print(__doc__)
        return 0
    if not argv or argv[0] not in COMMANDS:
        what = f"unknown command {argv[0]!r}" if argv else "no command given"
        print(f"course: {what}; use one of: {', '.join(COMMANDS)} "
              "(python3 course.py --help for more)", file=sys.stderr)
        return 2
    check_python()
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
