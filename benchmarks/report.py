"""The benchmark's results as text tables, each row held to its target on these 2-core machines."""

import statistics

NOTEBOOK_SECONDS, NOTEBOOK_MB = 5.0, 400.0
# The notebooks that compute (gradients over seeds, training runs, scans) have budgets of their own.
NOTEBOOK_BUDGETS = {"09": 30.0, "10": 90.0, "11": 30.0}


def notebook_seconds(name):
    """The time a notebook may take from a fresh kernel to its last cell."""
    return NOTEBOOK_BUDGETS.get(name[:2], NOTEBOOK_SECONDS)
# float32 targets: at least this much faster than the naive cell, at most this many times torch's time.
NAIVE_SPEEDUP = 1.2
TORCH_RATIO = {(32, 100, 64, 64): 3.0, (64, 100, 128, 128): 1.5}


def verdict(ok):
    return "met" if ok else "MISSED"


def table(header, rows):
    """A plain text table with columns as wide as their widest cell."""
    cells = [header] + [[str(value) for value in row] for row in rows]
    widths = [max(len(row[k]) for row in cells) for k in range(len(header))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def notebook_table(rows):
    return table(["notebook", "seconds", "peak MB", "target s", f"<= target s and <= {NOTEBOOK_MB:g} MB"],
                 [[r["notebook"], f"{r['seconds']:.2f}", f"{r['peak_mb']:.0f}", f"{notebook_seconds(r['notebook']):g}",
                   verdict(r["seconds"] <= notebook_seconds(r["notebook"]) and r["peak_mb"] <= NOTEBOOK_MB)]
                  for r in rows])


def slider_table(rows, baseline_ms):
    return table(["notebook", "explorer", "slider", "live", "median ms", "max ms",
                  f"target median <= {baseline_ms:.0f}, max <= {2 * baseline_ms:.0f}"],
                 [[r["notebook"][:2], r["explorer"], r["slider"], "yes" if r["continuous"] else "NO",
                   f"{r['median_ms']:.1f}", f"{r['max_ms']:.1f}",
                   verdict(r["continuous"] and r["median_ms"] <= baseline_ms and r["max_ms"] <= 2 * baseline_ms)]
                  for r in rows])


def frame_table(rows):
    """Each explorer's frames both ways, then the median over the explorers; an html row says what it costs."""
    def over_explorers(way):
        chosen = [r for r in rows if r["way"] == way]
        return {"notebook": "all", "explorer": f"median of {len(chosen)} explorers", "way": way,
                "frames": sum(r["frames"] for r in chosen),
                "median_ms": statistics.median(r["median_ms"] for r in chosen),
                "bytes": statistics.median(r["bytes"] for r in chosen)}

    every = rows + [over_explorers("image"), over_explorers("html")]
    image = {(r["notebook"], r["explorer"]): r for r in every if r["way"] == "image"}
    body = []
    for r in every:
        base = image[(r["notebook"], r["explorer"])]
        cost = "-" if r is base else f"{r['median_ms'] / base['median_ms']:.2f}x, {r['bytes'] / base['bytes']:.2f}x"
        body.append([r["notebook"].split("-")[0], r["explorer"], r["way"], r["frames"], f"{r['median_ms']:.1f}",
                     f"{r['bytes'] / 1000:.1f}", cost])
    return table(["notebook", "explorer", "way", "frames", "median ms", "kB per frame", "html / image: ms, bytes"],
                 body)


def cell_table(rows):
    body = []
    for r in rows:
        size = (r["B"], r["T"], r["D"], r["H"])
        speedup = r["naive_ms"] / r["course_ms"]
        torch_ratio = None if r["torch_ms"] is None else r["course_ms"] / r["torch_ms"]
        if r["dtype"] != "float32" or size not in TORCH_RATIO:
            target = "-"
        else:
            ok = speedup >= NAIVE_SPEEDUP and (torch_ratio is None or torch_ratio <= TORCH_RATIO[size])
            target = verdict(ok) + ("" if torch_ratio is not None else " (naive only: no torch)")
        body.append([r["cell"], "x".join(map(str, size)), r["dtype"], f"{r['course_ms']:.1f}", f"{r['naive_ms']:.1f}",
                     "-" if r["torch_ms"] is None else f"{r['torch_ms']:.1f}", f"{speedup:.2f}x",
                     "-" if torch_ratio is None else f"{torch_ratio:.2f}x", target])
    return table(["cell", "BxTxDxH", "dtype", "course ms", "naive ms", "torch ms", "naive/course", "course/torch",
                  f"float32 target: >= {NAIVE_SPEEDUP}x naive, <= 3x / 1.5x torch"], body)


TRAINING_STEP_MS = 10.0  # at notebook 10's size: 1000 steps, its longest runs, in at most 10 s
SCAN_SPEEDUP = 2.0  # minGRU's scan against its loop, for one small sequence (B = 1), as notebook 11 says


def training_table(rows):
    return table(["cell", "T", "B", "H", "ms per step", f"target <= {TRAINING_STEP_MS:g} ms"],
                 [[r["cell"], r["T"], r["B"], r["H"], f"{r['step_ms']:.1f}", verdict(r["step_ms"] <= TRAINING_STEP_MS)]
                  for r in rows])


def scan_table(rows):
    body = []
    for r in rows:
        speedup = r["loop_ms"] / r["scan_ms"]
        body.append([r["B"], r["T"], r["H"], f"{r['loop_ms']:.1f}", f"{r['scan_ms']:.1f}", f"{r['log_scan_ms']:.1f}",
                     f"{speedup:.1f}x", verdict(speedup >= SCAN_SPEEDUP) if r["B"] == 1 else "-"])
    return table(["B", "T", "H", "loop ms", "scan ms", "log-space scan ms", "loop/scan",
                  f"B = 1 target: scan >= {SCAN_SPEEDUP:g}x the loop"], body)


def report(results):
    """Every table of one run, with the baseline they are measured against."""
    return "\n\n".join([
        f"baseline: a bare two-axes figure drawn and encoded as PNG takes {results['baseline_ms']:.1f} ms",
        "notebooks, each from a fresh kernel\n" + notebook_table(results["notebooks"]),
        "sliders, each moved through its range by the real explorer, frame included\n"
        + slider_table(results["sliders"], results["baseline_ms"]),
        "frames, each explorer's sent both ways: an Image widget (binary buffer) or an HTML <img> (data URL, for "
        "Colab), median per frame\n" + frame_table(results["frames"]),
        "cells, forward and backward over the whole sequence (median)\n" + cell_table(results["cells"]),
        "training, one step on the adding problem as train takes it (median)\n" + training_table(results["training"]),
        "scans, minGRU's linear recurrence over the whole sequence (median)\n" + scan_table(results["scans"]),
    ])
