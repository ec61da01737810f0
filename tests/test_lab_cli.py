"""`python -m helpers.lab`: its help, one run, one-line errors with exit status 2, the file it writes, and a row of
the stored runs that notebook 10 shows, re-run to the same figures."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nudged_rng

from helpers.lab import SETTINGS, STORED_RUNS, load_runs, main
from helpers.training import format_table, train

ROOT = Path(__file__).resolve().parent.parent
STORED = ROOT / "notebooks" / "data" / "long-memory-runs.json"
assert STORED_RUNS == STORED


def lab(*args):
    return subprocess.run([sys.executable, "-m", "helpers.lab", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_help_names_every_option():
    done = lab("--help")
    assert done.returncode == 0
    for option in ("--task", "--length", "--model", "--steps", "--seed", "--hidden", "--batch", "--lr", "--clip",
                   "--out"):
        assert option in done.stdout


def test_one_run_prints_the_notebooks_table():
    done = lab("--length", "5", "--model", "rnn", "--steps", "20", "--no-progress")
    assert done.returncode == 0, done.stderr
    run = train("adding", "rnn", 5, 20, progress=False)
    # The same row as the notebook's table, with the seconds after it.
    assert done.stdout.splitlines()[2].split()[:-1] == format_table([run]).splitlines()[2].split()


@pytest.mark.parametrize("args, words", [
    (["--length", "1"], ["--length", "expected a whole number >= 2", "1"]),
    (["--batch", "0"], ["--batch", "expected a whole number >= 1", "0"]),
    (["--model", "transformer"], ["--model", "invalid choice", "transformer"]),
    (["--task", "copy"], ["--task", "invalid choice", "copy"]),
    (["--steps", "many"], ["--steps", "expected a whole number", "many"]),
    (["--lr", "0"], ["--lr", "expected a positive number", "0"]),
    (["--clip", "nan"], ["--clip", "expected a positive number", "nan"]),
    (["--seed", "-1"], ["--seed", "expected a whole number >= 0"]),
    (["--hidden"], ["--hidden", "expected one argument"]),
    (["--colour", "red"], ["unrecognized arguments", "--colour"]),
])
def test_a_bad_argument_is_one_line_on_stderr_and_exit_status_2(args, words, capsys):
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m helpers.lab: error: "), captured.err
    assert all(word in lines[0] for word in words), lines[0]
    assert captured.out == ""


def test_out_must_be_a_file(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--steps", "1", "--out", str(tmp_path)])
    assert exited.value.code == 2 and "--out: expected a file" in capsys.readouterr().err


def test_the_real_command_exits_2_without_a_traceback():
    done = lab("--length", "1")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_out_adds_runs_and_replaces_the_same_settings(tmp_path, capsys):
    out = tmp_path / "runs.json"
    main(["--length", "4", "--model", "rnn", "gru", "--steps", "3", "--no-progress", "--out", str(out)])
    main(["--length", "4", "--model", "rnn", "--steps", "3", "--no-progress", "--out", str(out)])
    records = json.loads(out.read_text())
    assert [r["cell"] for r in records] == ["rnn", "gru"]
    assert all(set(SETTINGS) <= set(r) and len(r["curve"]) == 1 for r in records)
    runs = load_runs(out)
    assert [run.cell for run in runs] == ["rnn", "gru"] and runs[0].losses.shape == (3,)
    assert "added 1 run(s)" in capsys.readouterr().out


def rerun(row):
    return train(row["task"], row["cell"], row["length"], row["steps"], hidden_size=row["hidden_size"],
                 batch_size=row["batch_size"], lr=row["lr"], clip=row["clip"], seed=row["seed"], progress=False)


def cheapest_solved_row():
    """The cheapest stored run that solved its task (a few seconds), and its place in the file.

    A run that solved has settled into a minimum, where a difference in the last bit of a product shrinks instead of
    growing: its figures are the same on any CPU. A plain RNN that stays at the baseline is chaotic, and its exact
    figures are one machine's (notebook 10 quotes only its verdict).
    """
    records = json.loads(STORED.read_text())
    assert records, "notebook 10 shows these runs"
    solved = [r for r in records if r["verdict"] == "solved"]
    row = min(solved, key=lambda r: (r["length"] * r["steps"], r["length"]))
    return row, records.index(row)


@pytest.mark.parametrize("nudged", [False, True], ids=["as stored", "every draw nudged by 1e-12"])
def test_a_stored_row_re_runs_to_the_same_figures(nudged, monkeypatch):
    row, index = cheapest_solved_row()
    if nudged:  # the stand-in for another CPU (tests/nudged_rng.py): the same figures must come out
        monkeypatch.setitem(nudged_rng.NUDGE, "relative", 1e-12)
        monkeypatch.setattr(np.random, "default_rng", nudged_rng.nudged_default_rng)
    run = rerun(row)
    assert abs(run.test_loss - row["test_loss"]) < 1e-6 and run.verdict == row["verdict"]
    assert run.solved_at == row["solved_at"]
    assert format_table([run]) == format_table([load_runs(STORED)[index]])
