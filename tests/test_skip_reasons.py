"""Skips explain themselves (issue 16, item 6): the suite's summary lists every skipped
test with its reason (``-rs`` in the pytest options), and tests that need a file from
outside the repository say which file and where to put it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_summary_shows_why_a_test_was_skipped(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("import pytest\n\n\ndef test_x():\n"
                     "    pytest.skip('needs the file data/x.csv (not in the repository)')\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"),
                          "--rootdir", str(tmp_path), "-p", "no:randomly", str(probe)],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "SKIPPED [1]" in out.stdout
    assert "needs the file data/x.csv (not in the repository)" in out.stdout


def test_tests_needing_the_report_say_what_they_need():
    for name in ("test_article.py", "test_text.py"):
        source = (REPO / "tests" / name).read_text(encoding="utf-8")
        assert "needs the full text of the report" in source, name
        assert "seed report not found" not in source and "the report is not in" not in source
