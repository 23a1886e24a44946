"""The benchmark script runs and reports what it promises (no speed is asserted here:
timings are for benchmarks/run.py to print, not for tests to check)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_runs_one_notebook_and_writes_its_report(tmp_path):
    out = tmp_path / "bench.json"
    res = subprocess.run([sys.executable, "benchmarks/run.py", "--runs", "1", "--out", str(out),
                          "notebooks/00_start_here.ipynb"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    row, = report["notebooks"]
    assert row["notebook"] == "00_start_here"
    assert row["seconds"] > 0 and report["floor_seconds"] > 0
    assert abs(row["ratio"] - row["seconds"] / report["floor_seconds"]) < 1e-9
    assert abs(row["ratio_vs_import_floor"]
               - row["seconds"] / report["import_floor_seconds"]) < 1e-9
    assert row["kernel_peak_mb"] > 0
    for verdicts in (report["verdicts"], report["information_vs_import_floor"]):
        assert verdicts and all(isinstance(v, bool) for v in verdicts.values())
    assert set(report["first_tokenize_seconds"]) == {"cold cache", "warm cache"}
    # the printed table names each verdict the JSON holds
    for text in report["verdicts"]:
        assert text in res.stdout


def test_explorer_benchmark_moves_a_control_and_reports(tmp_path):
    out = tmp_path / "explorers.json"
    res = subprocess.run([sys.executable, "benchmarks/explorers.py", "--moves", "3",
                          "--only", "overlap_explorer", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    row, = report["explorers"]
    assert row["explorer"] == "overlap_explorer" and row["control"] == "Dropdown"
    assert len(row["moves_ms"]) == len(row["moves_cpu_ms"]) == 3
    assert all(t > 0 for t in row["moves_ms"])
    assert row["first_ms"] == row["moves_ms"][0]
    assert row["median_ms"] == sorted(row["moves_ms"])[1]
    assert row["settings"][0] != row["start"]          # the control really moved
    assert row["outputs_changed"] == 3                 # and every move redrew the output
    assert "overlap_explorer" in res.stdout and "median" in res.stdout
