"""Execute one prepared submission notebook under limits (one process per submission).

    python -m chengyu_lib.classroom._worker RUN.ipynb RESULT.json CELL_S NOTEBOOK_S MEMORY_MB

The grader (:mod:`chengyu_lib.classroom.grade`) runs :func:`child` in a fresh process for
every submission, forked from a ``multiprocessing`` fork server that has already imported
nbclient (so each submission does not pay that import again); the command line above does
the same in a plain process. It first lowers its own address-space limit (``RLIMIT_AS``) to ``MEMORY_MB``;
the kernel it starts inherits that limit. It then runs the cells one by one in a fresh
kernel (nbclient), each with at most ``CELL_S`` seconds (a cell over time is interrupted and
recorded as an error, and the run goes on) and all of them within ``NOTEBOOK_S`` seconds
(then the run stops). It writes the executed notebook next to ``RESULT.json`` and, in
``RESULT.json``, how the run ended: ``ok``, ``timeout`` (notebook limit) or ``crash`` (the
kernel died, e.g. out of memory), the index of the cell it stopped at, the seconds taken
and the peak resident memory of the kernel.

The grader kills this process and its kernel if it overruns the notebook limit by a margin.
"""
from __future__ import annotations

import json
import math
import os

import nbclient  # noqa: F401  (imported here so a fork server preloads it)
import nbformat  # noqa: F401
import resource
import sys
import time


def _limit_memory(mb: int) -> None:
    if mb and mb > 0:
        limit = int(mb) * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def run(nb_path: str, result_path: str, cell_s: float, notebook_s: float, memory_mb: int) -> dict:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    t0 = time.monotonic()
    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(
        nb, timeout=cell_s, kernel_name="python3", allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "CellTimeout",
                          "evalue": f"the cell ran longer than {cell_s:g} s",
                          "traceback": []},
        record_timing=False, shutdown_kernel="immediate",
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(nb_path))}})
    status, stopped_at, message = "ok", None, ""
    _limit_memory(memory_mb)
    deadline = t0 + notebook_s
    try:
        with client.setup_kernel():
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    status, stopped_at = "timeout", i
                    message = f"the notebook ran longer than {notebook_s:g} s"
                    break
                # rounded up, so a cell cut by the notebook limit ends past the deadline
                client.timeout = max(1, math.ceil(min(cell_s, left)))
                client.execute_cell(cell, i)
                if time.monotonic() > deadline:
                    status, stopped_at = "timeout", i
                    message = f"the notebook ran longer than {notebook_s:g} s"
                    break
    except DeadKernelError as err:
        status, stopped_at, message = "crash", locals().get("i"), f"the kernel died ({err})"
    except Exception as err:  # the kernel could not start, or nbclient failed
        status, stopped_at = "crash", locals().get("i")
        message = f"{type(err).__name__}: {err}"[:500]
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    nbformat.write(nb, result_path + ".ipynb")
    result = {"status": status, "stopped_at": stopped_at, "message": message,
              "seconds": round(time.monotonic() - t0, 3), "kernel_peak_mb": round(peak_kb / 1024, 1)}
    with open(result_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    return result


def child(nb_path: str, result_path: str, cell_s: float, notebook_s: float,
          memory_mb: int, env: dict) -> None:
    """Entry point of a grading process: own session, environment, folder and output
    files (the kernel's messages go to ``RESULT.json.log``), then :func:`run`."""
    os.setsid()
    os.environ.update(env)
    os.chdir(os.path.dirname(os.path.abspath(nb_path)))
    fd = os.open(result_path + ".log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    run(nb_path, result_path, cell_s, notebook_s, memory_mb)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    nb_path, result_path, cell_s, notebook_s, memory_mb = argv
    run(nb_path, result_path, float(cell_s), float(notebook_s), int(memory_mb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
