"""scripts/run_notebooks.py: a clean re-run of an unchanged notebook rewrites it unchanged,
widget state included, and the renamed widget ids still link up."""
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_notebooks)
STATE = run_notebooks.WIDGET_STATE


def _ids(nb):
    text = json.dumps(nb)
    refs = set(re.findall(r"IPY_MODEL_([0-9a-f]{32})", text))
    shown = set(re.findall(r'"model_id": "([0-9a-f]{32})"', text))
    return set(nb.metadata["widgets"][STATE]["state"]), refs, shown


def test_committed_widget_state_links_up_after_renaming():
    nb = nbformat.read(ROOT / "notebooks" / "02_scale_and_growth.ipynb", as_version=4)
    renamed = run_notebooks.stable_widget_ids(nb, "02_scale_and_growth")
    state, refs, shown = _ids(renamed)
    assert state and shown, "the notebook should hold widget state"
    assert refs <= state and shown <= state
    old_state, old_refs, old_shown = _ids(nb)
    assert (len(state), len(refs), len(shown)) == (len(old_state), len(old_refs), len(old_shown))
    expected = {run_notebooks.uuid.uuid5(run_notebooks._ID_NAMESPACE,
                                         f"02_scale_and_growth/{i}").hex
                for i in range(len(state))}
    assert state == expected
    # the same input gives the same ids
    assert run_notebooks.stable_widget_ids(nb, "02_scale_and_growth") == renamed


def test_rerun_leaves_an_unchanged_notebook_byte_identical(tmp_path):
    path = tmp_path / "02_scale_and_growth.ipynb"
    shutil.copy(ROOT / "notebooks" / path.name, path)
    for _ in range(2):
        res = subprocess.run([sys.executable, "scripts/run_notebooks.py", str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        if _ == 0:
            first = path.read_bytes()
    assert path.read_bytes() == first
