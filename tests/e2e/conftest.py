"""Fixtures for the browser tests: a private JupyterLab server and headless Chromium.

Nothing of the user's Jupyter set-up is read or written: the server gets its own config,
data, runtime, settings, workspace and IPython folders in a temporary directory, serves a
temporary *copy* of ``notebooks/`` and ``exercises/`` (so running cells never changes the committed files),
listens on 127.0.0.1 on a free port with a random token, and is stopped at the end.

Chromium is Debian's (``apt-get install chromium``), driven by the ``playwright`` Python
package (its own browser download is not used). Where either is missing the tests are
skipped with a message saying how to install it; under CI (``CI=true``) they fail instead.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

#: Flags for a headless Chromium on a closed network, run as root in a container.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

HOW_TO_INSTALL = ("install Chromium and Playwright's Python package: "
                  "`apt-get install chromium` (Debian/Ubuntu; or set CHROMIUM=/path/to/chrome) "
                  "and `pip install playwright` (no `playwright install` needed)")

#: JupyterLab user settings for the test server: no news or update checks (closed
#: network, no pop-up over the notebook), no autosave, every cell kept in the page.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    message = f"browser test cannot run: {reason}; {HOW_TO_INSTALL}"
    if _in_ci():
        pytest.fail(message + " (CI=true: not skipped)", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str | None:
    """The Chromium executable: $CHROMIUM, else /usr/bin/chromium, else one on PATH."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fontconfig(tmp: Path) -> Path:
    """A fontconfig file = the system's + the Noto Sans CJK font the course ships, so the
    browser draws the notebooks' Chinese text (a bare container has no CJK font)."""
    from noto_cjk_sans_otc import FONT_PATH

    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{Path(FONT_PATH).parent}</dir>\n"
        f"  <cachedir>{tmp / 'fontcache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    return conf


class Lab:
    """A running JupyterLab server: ``url(path)``, ``api(method, path)``, ``notebooks``."""

    def __init__(self, base: str, token: str, notebooks: Path, proc, log: Path):
        self.base, self.token, self.notebooks, self.proc, self.log = (
            base, token, notebooks, proc, log)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def api(self, method: str, path: str):
        req = urllib.request.Request(f"{self.base}/api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        for s in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{s['id']}")


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    for folder in ("notebooks", "exercises"):  # served together, as course.py lab does
        shutil.copytree(ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "solutions"))
    dirs = {name: tmp / name for name in ("config", "data", "runtime", "settings",
                                          "workspaces", "ipython")}
    for d in dirs.values():
        d.mkdir()
    for rel, value in LAB_SETTINGS.items():
        path = dirs["settings"] / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(dirs["config"]), "JUPYTER_DATA_DIR": str(dirs["data"]),
           "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
           "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
           "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
           "IPYTHONDIR": str(dirs["ipython"]), "PYTHONHASHSEED": "0"}
    env.pop("MPLBACKEND", None)  # the kernel chooses the inline backend itself
    port, token = _free_port(), secrets.token_hex(16)
    log = tmp / "lab.log"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
           "--LabApp.extension_manager=readonly"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Lab(f"http://127.0.0.1:{port}", token, root / "notebooks", proc, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({proc.returncode}):\n"
                                   + log.read_text(errors="replace")[-3000:])
            try:
                server.api("GET", "status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not answer within 90 s:\n"
                                       + log.read_text(errors="replace")[-3000:])
                time.sleep(0.3)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """One headless Chromium (fresh profile: Playwright makes a new empty user-data dir)
    and one browser context, shared by the tests."""
    exe = chromium_path()
    if exe is None:
        _unavailable("no Chromium executable (looked for $CHROMIUM, /usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package `playwright` is not installed")
    tmp = tmp_path_factory.mktemp("chromium")
    env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(tmp))}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS, env=env)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()
            browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
