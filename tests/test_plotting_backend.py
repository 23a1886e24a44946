"""Charts show whatever the environment says (issue 16, item 5): a course kernel displays
its figures inline even when ``MPLBACKEND=Agg`` is set, as on CI runners.

A real IPython kernel is started (jupyter_client) with ``MPLBACKEND=Agg`` in its
environment; a cell draws a chart the way the notebooks do, and the kernel must send the
picture (a ``display_data`` message with a PNG).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run_cell(code: str, env: dict) -> list[dict]:
    jupyter_client = pytest.importorskip("jupyter_client")
    km = jupyter_client.KernelManager(kernel_name="python3")
    km.kernel_spec_manager.ensure_native_kernel = True
    km.start_kernel(env=env, extra_arguments=[], cwd=str(REPO))
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        msgs = []
        kc.execute_interactive(code, timeout=120, output_hook=msgs.append)
        kc.stop_channels()
        return msgs
    finally:
        km.shutdown_kernel(now=True)


def _kernel_env(**extra) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


CELL = """
import sys
import chengyu_lib as cy
cy.plotting.setup()
import matplotlib, matplotlib.pyplot as plt
plt.plot([1, 2, 3], [3, 1, 2])
plt.title("成渝")
print(matplotlib.get_backend())
"""


@pytest.mark.parametrize("backend", ["Agg", "svg"])
def test_kernel_shows_figures_inline_with_a_file_backend_in_the_environment(backend):
    msgs = _run_cell(CELL, _kernel_env(MPLBACKEND=backend))
    errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert not errors, errors
    images = [m for m in msgs if m["msg_type"] == "display_data"
              and "image/png" in m["content"]["data"]]
    assert len(images) == 1, [m["msg_type"] for m in msgs]
    printed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert "inline" in printed


def test_outside_a_kernel_the_environment_backend_is_kept(tmp_path):
    import subprocess

    code = ("import chengyu_lib as cy; cy.plotting.setup(); import matplotlib; "
            "print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_kernel_env(MPLBACKEND="Agg"), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().lower() == "agg"
