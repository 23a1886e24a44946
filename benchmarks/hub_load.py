"""A class on a real JupyterHub, measured: ``python benchmarks/hub_load.py --students 10``.

Starts JupyterHub (the ``jupyterhub`` package, with the npm registry's
configurable-http-proxy, installed on first use into ``_build/hub-proxy``) on 127.0.0.1
only, with a test login (JupyterHub's DummyAuthenticator) and the local process spawner
(``SimpleLocalProcessSpawner``: every student's server is a process of this user, in its
own home folder under a temporary directory). Then N simulated students, all at once:

1. log in through the hub's login form (cookie, as a browser would);
2. start their server, wait until it is ready;
3. open a course notebook (a session on it: a kernel starts) through their server's REST
   API, behind the proxy, with a token the hub issues for them;
4. run every code cell over the kernel's websocket, in order.

Reported per student: time to the first output (from login) and to the last cell's reply,
cells run, failures; and the peak memory (RSS) of the hub, proxy, servers and kernels
together, sampled every 0.25 s. Everything is bounded: every request and cell has a
timeout, the run has a deadline (``--deadline``), and the hub and all its children are
stopped at the end (a check lists any process left behind, and the exit code says so).

Traffic goes only to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROXY_DIR = ROOT / "_build" / "hub-proxy"
PROXY_VERSION = "5.3.0"
DEFAULT_NOTEBOOK = "notebooks/02_scale_and_growth.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_command() -> list[str]:
    """configurable-http-proxy from the npm registry, installed once into _build/hub-proxy."""
    exe = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if not exe.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("configurable-http-proxy needs Node.js and npm (the npm "
                               "registry's package); install them, e.g. apt-get install npm")
        PROXY_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                        str(PROXY_DIR), f"configurable-http-proxy@{PROXY_VERSION}"], check=True)
    return [str(exe)]


def write_config(tmp: Path, port: int, hub_port: int, api_port: int, token: str) -> Path:
    bindir = Path(sys.executable).parent
    home = tmp / "home"
    home.mkdir()
    config = f"""
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = {json.dumps(proxy_command())}
c.ConfigurableHTTPProxy.auth_token = {json.dumps(secrets.token_hex(16))}
c.JupyterHub.db_url = "sqlite:///{tmp / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{tmp / 'cookie_secret'}"
c.JupyterHub.pid_file = "{tmp / 'hub.pid'}"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{home}/{{username}}"
c.Spawner.cmd = [{json.dumps(str(bindir / 'jupyterhub-singleuser'))}]
c.Spawner.args = ["--ServerApp.ip=127.0.0.1", "--allow-root"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {{"PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}}
c.JupyterHub.services = [{{"name": "load-test", "api_token": {json.dumps(token)}}}]
c.JupyterHub.load_roles = [{{"name": "load-test", "services": ["load-test"],
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}}]
c.JupyterHub.log_level = "WARN"
"""
    path = tmp / "jupyterhub_config.py"
    path.write_text(config, encoding="utf-8")
    return path


class Memory:
    """Peak RSS of a process and all its descendants, sampled in the background."""

    def __init__(self, pid: int):
        import psutil

        self.root, self.peak, self.psutil = psutil.Process(pid), 0, psutil

    def sample(self) -> None:
        total = 0
        try:
            procs = [self.root] + self.root.children(recursive=True)
        except self.psutil.Error:
            return
        for p in procs:
            try:
                total += p.memory_info().rss
            except self.psutil.Error:
                pass
        self.peak = max(self.peak, total)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            await asyncio.sleep(0.25)


async def _fetch(client, url, *, method="GET", body=None, headers=None, timeout=60.0,
                 follow=True, ok=(200, 201, 202, 204, 302)):
    from tornado.httpclient import HTTPClientError, HTTPRequest

    req = HTTPRequest(url, method=method, body=body, headers=headers or {},
                      request_timeout=timeout, follow_redirects=follow,
                      allow_nonstandard_methods=True)
    try:
        resp = await client.fetch(req, raise_error=False)
    except HTTPClientError as err:  # pragma: no cover - raised only with raise_error=True
        resp = err.response
    if resp.code not in ok:
        raise RuntimeError(f"{method} {url.split('?')[0]} -> {resp.code}")
    return resp


async def student(i: int, base: str, token: str, notebook: Path, cell_timeout: float) -> dict:
    """One student's session; returns their timings (seconds from their login)."""
    from tornado.httpclient import AsyncHTTPClient
    from tornado.websocket import websocket_connect

    name = f"student{i:02d}"
    client = AsyncHTTPClient(force_instance=True)
    admin = {"Authorization": f"token {token}"}
    result = {"student": name, "first_output_s": None, "last_output_s": None,
              "cells": 0, "error": ""}
    t0 = time.monotonic()
    try:
        # 1. log in through the form: the login page sets an _xsrf cookie to send back
        login = await _fetch(client, f"{base}/hub/login")
        cookies = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0]
                   for c in login.headers.get_list("Set-Cookie")}
        xsrf = cookies.get("_xsrf", "")
        form = urllib.parse.urlencode({"username": name, "password": "x", "_xsrf": xsrf})
        await _fetch(client, f"{base}/hub/login?next=", method="POST", body=form,
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                              "Content-Type": "application/x-www-form-urlencoded"},
                     follow=False)
        # 2. start the server (the login may already have) and wait until it is ready
        await _fetch(client, f"{base}/hub/api/users/{name}/server", method="POST", body="{}",
                     headers=admin, ok=(201, 202, 400))
        deadline = time.monotonic() + 120
        while True:
            info = json.loads((await _fetch(client, f"{base}/hub/api/users/{name}",
                                            headers=admin)).body)
            server = info.get("servers", {}).get("", {})
            if server.get("ready"):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("server not ready within 120 s")
            await asyncio.sleep(0.3)
        user_token = json.loads((await _fetch(
            client, f"{base}/hub/api/users/{name}/tokens", method="POST",
            body=json.dumps({"note": "load test", "expires_in": 3600}),
            headers=admin)).body)["token"]
        auth = {"Authorization": f"token {user_token}"}
        # 3. open the notebook: a session starts its kernel
        rel = f"notebooks/{notebook.name}"
        nb = json.loads((await _fetch(client, f"{base}/user/{name}/api/contents/{rel}",
                                      headers=auth)).body)["content"]
        session = json.loads((await _fetch(
            client, f"{base}/user/{name}/api/sessions", method="POST", headers=auth,
            body=json.dumps({"path": rel, "type": "notebook", "name": notebook.name,
                             "kernel": {"name": "python3"}}))).body)
        kernel = session["kernel"]["id"]
        ws_url = (base.replace("http", "ws", 1)
                  + f"/user/{name}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}")
        from tornado.httpclient import HTTPRequest

        ws = await websocket_connect(HTTPRequest(ws_url, headers=auth, connect_timeout=30))
        # 4. run every code cell in order, waiting for each reply
        try:
            for cell in nb["cells"]:
                if cell["cell_type"] != "code":
                    continue
                msg_id = uuid.uuid4().hex
                ws.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "username": name, "session": msg_id,
                               "msg_type": "execute_request", "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": "".join(cell["source"]), "silent": False,
                                "store_history": True, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": True}}))
                cell_deadline = time.monotonic() + cell_timeout
                while True:
                    left = cell_deadline - time.monotonic()
                    if left <= 0:
                        raise RuntimeError(f"cell {result['cells'] + 1} ran over {cell_timeout:.0f} s")
                    raw = await asyncio.wait_for(ws.read_message(), timeout=left)
                    if raw is None:
                        raise RuntimeError("kernel websocket closed")
                    if isinstance(raw, bytes):
                        continue  # binary frames carry widget buffers: no text to check
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = msg["header"]["msg_type"]
                    if kind in ("stream", "display_data", "execute_result") and \
                            result["first_output_s"] is None:
                        result["first_output_s"] = round(time.monotonic() - t0, 2)
                    if kind == "error":
                        raise RuntimeError(f"cell {result['cells'] + 1} raised "
                                           f"{msg['content'].get('ename')}")
                    if kind == "execute_reply" and msg["channel"] == "shell":
                        break
                result["cells"] += 1
            result["last_output_s"] = round(time.monotonic() - t0, 2)
        finally:
            ws.close()
    except Exception as err:  # one student's failure is reported, the class goes on
        result["error"] = f"{type(err).__name__}: {err}"[:200]
    finally:
        client.close()
    return result


def _stop(proc: subprocess.Popen) -> list[str]:
    """Stop the hub and every process it started; return what was still alive after."""
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.Error:
        children = []
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    _, alive = psutil.wait_procs(children, timeout=15)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass
    _, still = psutil.wait_procs(alive, timeout=5)
    return [f"{p.pid}" for p in still]


async def _class(base, token, notebook, n, cell_timeout, memory):
    stop = asyncio.Event()
    sampler = asyncio.create_task(memory.run(stop))
    try:
        return await asyncio.gather(*(student(i + 1, base, token, notebook, cell_timeout)
                                      for i in range(n)))
    finally:
        stop.set()
        await sampler


def run(n: int, notebook: Path, deadline: float, cell_timeout: float) -> dict:
    if not 1 <= n <= 60:
        raise ValueError(f"students must be between 1 and 60, got {n}")
    tmp = Path(tempfile.mkdtemp(prefix="hub-load-"))
    port, hub_port, api_port = _free_port(), _free_port(), _free_port()
    token = secrets.token_hex(24)
    config = write_config(tmp, port, hub_port, api_port, token)
    for i in range(n):   # each home gets the course, as an nbgitpuller link would put it
        home = tmp / "home" / f"student{i + 1:02d}"
        shutil.copytree(ROOT / "notebooks", home / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "zh"))
    log = tmp / "hub.log"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                cwd=tmp, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    left_behind: list[str] = []
    try:
        import urllib.request

        t_end = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("JupyterHub exited:\n" + log.read_text(errors="replace")[-2000:])
            try:
                urllib.request.urlopen(f"{base}/hub/api/", timeout=2)
                break
            except OSError:
                if time.monotonic() > t_end:
                    raise RuntimeError("JupyterHub did not answer within 60 s")
                time.sleep(0.3)
        memory = Memory(proc.pid)
        started = time.monotonic()
        rows = asyncio.run(asyncio.wait_for(
            _class(base, token, notebook, n, cell_timeout, memory), timeout=deadline))
        wall = time.monotonic() - started
    finally:
        left_behind = _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    done = [r for r in rows if not r["error"]]
    first = [r["first_output_s"] for r in done if r["first_output_s"] is not None]
    last = [r["last_output_s"] for r in done]
    return {"students": n, "notebook": notebook.name, "wall_s": round(wall, 1),
            "failures": n - len(done), "median_first_output_s": statistics.median(first) if first else None,
            "median_last_output_s": statistics.median(last) if last else None,
            "max_last_output_s": max(last) if last else None,
            "peak_memory_mb": round(memory.peak / 2**20), "cores": os.cpu_count(),
            "left_behind": left_behind, "per_student": rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--students", type=int, default=5, help="how many students (1-60)")
    ap.add_argument("--notebook", type=Path, default=ROOT / DEFAULT_NOTEBOOK)
    ap.add_argument("--deadline", type=float, default=900, help="seconds for the whole class")
    ap.add_argument("--cell-timeout", type=float, default=120)
    ap.add_argument("--out", type=Path, help="write the report as JSON here")
    args = ap.parse_args(argv)
    report = run(args.students, args.notebook.resolve(), args.deadline, args.cell_timeout)
    print(f"{report['students']} students, {report['notebook']}: wall {report['wall_s']} s, "
          f"failures {report['failures']}, first output median {report['median_first_output_s']} s, "
          f"last output median {report['median_last_output_s']} s (max {report['max_last_output_s']} s), "
          f"peak memory {report['peak_memory_mb']} MB on {report['cores']} cores")
    for r in report["per_student"]:
        print(f"  {r['student']}: first {r['first_output_s']} s, last {r['last_output_s']} s, "
              f"{r['cells']} cells{', ' + r['error'] if r['error'] else ''}")
    if report["left_behind"]:
        print(f"processes left behind: {report['left_behind']}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 1 if report["failures"] or report["left_behind"] else 0


if __name__ == "__main__":
    sys.exit(main())
