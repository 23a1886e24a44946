"""Execute course notebooks in place, in a fresh kernel each, so that the committed outputs
are those of a clean "restart and run all" (what `pytest --nbval` compares against).

Usage:
    python scripts/run_notebooks.py                  # every notebook in notebooks/ and exercises/
    python scripts/run_notebooks.py notebooks/00_start_here.ipynb [...]

Notebooks run with the working directory set to their own folder, offline, with a
deterministic matplotlib (Agg, fixed hash salt) so that reruns give the same text outputs.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["notebooks", "exercises", "exercises/solutions"]


def notebooks(args: list[str]) -> list[Path]:
    if args:
        return [Path(a).resolve() for a in args]
    found = []
    for folder in FOLDERS:
        found += sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb"))
    return found


def run(path: Path, timeout: int = 600) -> float:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    elapsed = time.perf_counter() - start
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for path in notebooks(argv):
        print(f"{path.relative_to(ROOT)} ... ", end="", flush=True)
        print(f"{run(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
