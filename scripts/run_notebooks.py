"""Execute course notebooks in place, in a fresh kernel each, so that the committed outputs
are those of a clean "restart and run all" (what `pytest --nbval` compares against).

Usage:
    python scripts/run_notebooks.py                  # every notebook in notebooks/ and exercises/
    python scripts/run_notebooks.py notebooks/00_start_here.ipynb [...]

Notebooks run with the working directory set to their own folder, offline, with a
deterministic matplotlib (Agg, fixed hash salt) so that reruns give the same text outputs.
The saved widget state gets stable model ids (see :func:`stable_widget_ids`), so a clean
re-run of an unchanged notebook leaves its file unchanged.
"""
from __future__ import annotations

import os
import re
import sys
import time
import uuid
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


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_ID_NAMESPACE = uuid.UUID("6f1c6a52-3c1e-4b5e-9a43-6368656e6779")


def stable_widget_ids(nb, name: str):
    """``nb`` with its widget model ids replaced by ids derived from ``name`` and the order
    in which the widgets were made.

    ipywidgets gives every widget a random id, so each run would rewrite every id in the
    saved widget state and in the outputs that show a widget: noise in every diff. The ids
    are renamed everywhere they occur (state keys, ``IPY_MODEL_`` references and
    ``model_id`` fields), so the state still links up and shows the same in JupyterLab.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.metadata["widgets"] = {WIDGET_STATE: {"state": {"a" * 32: {"state": {
    ...     "children": ["IPY_MODEL_" + "b" * 32]}}, "b" * 32: {"state": {}}}}}
    >>> out = stable_widget_ids(nb, "demo")
    >>> first, second = out.metadata["widgets"][WIDGET_STATE]["state"]
    >>> out.metadata["widgets"][WIDGET_STATE]["state"][first]["state"]["children"] == [
    ...     "IPY_MODEL_" + second]
    True
    >>> stable_widget_ids(nb, "demo") == out
    True
    """
    import nbformat

    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return nb
    new = {old: uuid.uuid5(_ID_NAMESPACE, f"{name}/{i}").hex for i, old in enumerate(state)}
    # one pass, so an id that is already stable is never renamed twice
    text = re.sub(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])",
                  lambda m: new.get(m.group(0), m.group(0)), nbformat.writes(nb))
    return nbformat.reads(text, as_version=4)


def run(path: Path, timeout: int = 600) -> float:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    elapsed = time.perf_counter() - start
    nbformat.write(stable_widget_ids(nb, path.stem), path)
    return elapsed


def main(argv: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for path in notebooks(argv):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown} ... ", end="", flush=True)
        print(f"{run(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
