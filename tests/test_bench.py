"""`make bench` in quick mode: the suite runs every part and writes the JSON other tools read. No timing is asserted."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "notebooks": {"notebook": str, "seconds": float, "peak_mb": float},
    "sliders": {"notebook": str, "explorer": str, "slider": str, "continuous": bool, "median_ms": float,
                "max_ms": float},
    "frames": {"notebook": str, "explorer": str, "way": str, "frames": int, "median_ms": float, "bytes": int},
    "cells": {"cell": str, "B": int, "T": int, "D": int, "H": int, "dtype": str, "course_ms": float,
              "naive_ms": float, "torch_ms": (float, type(None))},
    "training": {"cell": str, "T": int, "B": int, "H": int, "step_ms": float},
    "scans": {"B": int, "T": int, "H": int, "loop_ms": float, "scan_ms": float, "log_scan_ms": float},
}


def test_quick_bench_writes_the_results_every_tool_reads(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(out.read_text())
    assert set(results) == {"baseline_ms", *KEYS}
    assert isinstance(results["baseline_ms"], float) and results["baseline_ms"] > 0
    for part, fields in KEYS.items():
        assert results[part], f"{part}: no rows"
        for row in results[part]:
            assert set(row) == set(fields), (part, row)
            for name, kind in fields.items():
                assert isinstance(row[name], kind), (part, name, row[name])
    assert {row["cell"] for row in results["cells"]} == {"lstm", "gru"}
    assert {row["dtype"] for row in results["cells"]} == {"float32", "float64"}
    # The quick run covers notebook 01: each of its explorers' sliders, each live.
    assert {row["explorer"] for row in results["sliders"]} == {"saturation_explorer", "gate_explorer"}
    assert all(row["continuous"] for row in results["sliders"])
    # Each of them also sends its frames both ways, the same frames, the HTML way's a data URL a third larger.
    ways = {(row["explorer"], row["way"]): row for row in results["frames"]}
    assert set(ways) == {(explorer, way) for explorer in ("saturation_explorer", "gate_explorer")
                         for way in ("image", "html")}
    for explorer in ("saturation_explorer", "gate_explorer"):
        image, html = ways[explorer, "image"], ways[explorer, "html"]
        assert image["frames"] == html["frames"] > 0 and 1.3 < html["bytes"] / image["bytes"] < 1.4
    # Every cell the lab trains, and minGRU, take a training step.
    assert {"rnn", "gated_rnn", "lstm", "gru", "lstm_coupled", "minGRU"} <= {row["cell"] for row in results["training"]}
    for table in ("baseline", "notebooks, each from a fresh kernel", "sliders", "frames", "cells", "training", "scans"):
        assert table in run.stdout
