"""The repo2docker configuration (binder/) installs exactly the tested versions, and the
course runs from it: a clean virtual environment gets `pip install -r binder/requirements.txt`
(run from the repository root, as repo2docker does), then notebook 00 runs in a kernel of
that environment.

It installs about 130 packages (a minute from pip's cache), so it runs under CI and when
CHENGYU_BINDER_TEST=1; otherwise it is skipped, saying so.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _wanted() -> bool:
    flags = (os.environ.get("CI", ""), os.environ.get("CHENGYU_BINDER_TEST", ""))
    return any(f.strip().lower() not in ("", "0", "false", "no") for f in flags)


def test_binder_requirements_pin_the_tested_set():
    lines = [ln.split("#")[0].strip() for ln in
             (ROOT / "binder" / "requirements.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln]
    assert "-c ../constraints.txt" in lines and "." in lines
    assert (ROOT / "binder" / "runtime.txt").read_text().strip().startswith("python-3.")


@pytest.mark.skipif(not _wanted(), reason="installs a clean environment from binder/ (about a "
                    "minute): runs under CI or with CHENGYU_BINDER_TEST=1")
def test_binder_environment_runs_notebook_00(tmp_path):
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", "binder/requirements.txt"], cwd=ROOT, check=True)
    frozen = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True,
                            text=True, check=True).stdout
    pins = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)$",
                           (ROOT / "constraints.txt").read_text(), re.M))
    got = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)$", frozen, re.M))
    norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()  # noqa: E731
    pins = {norm(k): v for k, v in pins.items()}
    off = {k: (v, pins[norm(k)]) for k, v in got.items() if norm(k) in pins and pins[norm(k)] != v}
    assert not off, f"installed versions differ from constraints.txt: {off}"
    assert re.search(r"^chengyu[-_]lib( @ |==)", frozen, re.M), "the course package is not installed"
    # the installed package (not this checkout) runs notebook 00 in a fresh kernel
    work = tmp_path / "work"
    (work / "notebooks").mkdir(parents=True)
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    (work / "notebooks" / "00_start_here.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    run = subprocess.run(
        [str(python), "-c",
         "import nbformat, nbclient, sys; nb = nbformat.read(sys.argv[1], as_version=4); "
         "nbclient.NotebookClient(nb, timeout=120, kernel_name='python3', "
         "resources={'metadata': {'path': sys.argv[2]}}).execute(); "
         "import chengyu_lib; print('ran with', chengyu_lib.__file__)",
         str(work / "notebooks" / "00_start_here.ipynb"), str(work / "notebooks")],
        cwd=work, capture_output=True, text=True, timeout=300,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)} | {
            "PATH": f"{env / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert str(env) in run.stdout, run.stdout
