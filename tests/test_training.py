"""The training loop: it learns a task it must solve, it is seeded, it trains any Cell, its fused and readable paths
agree, its gradients match finite differences, and its progress bar leaves nothing that differs between runs."""

import IPython.display
import numpy as np
import pytest

from helpers import progress
from helpers.gradcheck import gradient_errors
from helpers.models import CELLS, READABLE_CELLS, Cell, get_cell, lstm_cell, rnn_cell
from helpers.tasks import ADDING_BASELINE_MSE, TASKS
from helpers.training import (TEST_SIZE, TrainingRun, format_summary, format_table, init_model, loss_and_grads,
                              run_experiments, solved_at, train, verdict)
from helpers.widget_view import WIDGET_VIEW


def test_the_lstm_learns_the_adding_problem_at_length_10():
    run = train("adding", "lstm", 10, 300, progress=False)
    assert isinstance(run, TrainingRun) and run.losses.shape == (300,)
    assert run.test_loss < 0.1 * ADDING_BASELINE_MSE and run.verdict == "solved"
    assert run.losses[-50:].mean() < 0.2 * run.losses[:50].mean()


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    first, second, other = (train("adding", "gru", 8, 40, seed=seed, progress=False) for seed in (3, 3, 4))
    assert np.array_equal(first.losses, second.losses) and first.test_loss == second.test_loss
    assert all(np.array_equal(first.params[k], second.params[k]) for k in first.params)
    assert not np.array_equal(first.losses, other.losses)


def test_every_cell_sees_the_same_batches_for_one_seed():
    # The batches come from their own generator: what differs between two cells is the cell, not the data.
    runs = [train("adding", name, 6, 1, seed=1, progress=False) for name in ("rnn", "lstm")]
    cells = [get_cell(name) for name in ("rnn", "lstm")]
    batch = TASKS["adding"].make(np.random.default_rng(1).spawn(2)[1], 32, 6)
    for run, cell in zip(runs, cells):
        params = init_model(cell, "adding", 24, np.random.default_rng(1).spawn(2)[0])
        assert run.losses[0] == loss_and_grads(cell, "adding", params, *batch)[0]


def test_train_accepts_a_cell_object_made_elsewhere():
    plain = rnn_cell()
    mine = Cell("my_rnn", plain.init, plain.forward, plain.backward)
    run = train("adding", mine, 5, 5, progress=False)
    assert run.cell == "my_rnn"
    assert np.array_equal(run.losses, train("adding", "rnn", 5, 5, progress=False).losses)


@pytest.mark.parametrize("name", sorted(READABLE_CELLS))
def test_the_fused_and_readable_cells_train_alike(name):
    fused, readable = (train("adding", cells[name], 6, 15, hidden_size=5, batch_size=4, progress=False)
                       for cells in (CELLS, READABLE_CELLS))
    assert np.abs(fused.losses - readable.losses).max() < 1e-10
    assert abs(fused.test_loss - readable.test_loss) < 1e-10


@pytest.mark.parametrize("task", sorted(TASKS))
@pytest.mark.parametrize("name", ["rnn", "gated_rnn", "lstm", "gru", "lstm_coupled"])
def test_the_models_gradients_match_finite_differences(task, name):
    rng = np.random.default_rng(4)
    params = init_model(name, task, 3, rng)
    xs, ys = TASKS[task].make(rng, 3, 5)
    _, grads = loss_and_grads(name, task, params, xs, ys)
    errors = gradient_errors(lambda: loss_and_grads(name, task, params, xs, ys)[0], params, grads)
    assert max(errors.values()) < 1e-7, errors


def test_the_verdict_thresholds():
    assert verdict(0.099, 1.0) == "solved" and verdict(0.1, 1.0) == "learning"
    assert verdict(0.5, 1.0) == "learning" and verdict(0.8, 1.0) == "learning" and verdict(0.81, 1.0) == "at baseline"
    # Keeping one of the two numbers scores half the baseline: learning, not solved.
    assert verdict(1 / 12, ADDING_BASELINE_MSE) == "learning"


def test_run_experiments_shares_settings_and_the_table_rounds():
    runs = run_experiments([{"cell": "rnn"}, {"cell": "lstm", "length": 7}], progress=False, task="adding",
                           length=5, steps=3, hidden_size=4)
    assert [(r.cell, r.length, r.settings["hidden_size"]) for r in runs] == [("rnn", 5, 4), ("lstm", 7, 4)]
    table = format_table(runs).splitlines()
    assert table[0].split() == ["task", "model", "T", "steps", "seed", "test", "loss", "of", "baseline", "verdict", "solved", "at", "step"]
    assert len(table) == 4 and all(f"{r.test_loss:.3f}" in line for r, line in zip(runs, table[2:]))
    assert "seconds" in format_table(runs, seconds=True)


def test_the_test_batch_is_fixed_and_large():
    assert TEST_SIZE >= 1000
    first, second = (train("adding", "rnn", 5, 2, seed=seed, progress=False) for seed in (0, 0))
    assert first.test_loss == second.test_loss


def test_in_a_terminal_the_progress_bar_is_plain_text_and_clears_itself(capsys):
    assert not progress.in_jupyter_kernel()
    train("adding", "rnn", 5, 30, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "rnn, T = 5:" in captured.err and "/30 [" in captured.err  # tqdm's text bar
    assert "<div" not in captured.err and "HBox" not in captured.err  # no widget, no HTML
    assert captured.err.split("\r")[-2].strip() == ""  # leave=False: it ends by blanking its line


def test_in_a_kernel_the_bar_is_a_widget_whose_stored_text_is_empty(monkeypatch):
    shown = []
    monkeypatch.setattr(progress, "in_jupyter_kernel", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw=False: shown.append((bundle, raw)))
    bar = progress.progress_bar(10, "lstm, T = 60")
    model_id = bar.container.model_id
    bar.update(10)
    bar.close()
    assert len(shown) == 1
    bundle, raw = shown[0]
    assert raw and bundle["text/plain"] == "" and set(bundle) == {"text/plain", WIDGET_VIEW}
    assert bundle[WIDGET_VIEW]["model_id"] == model_id  # the live bar, where a kernel runs
    assert bar.container.layout.visibility == "hidden"  # leave=False: the bar hides itself when done


def test_a_cell_with_readout_names_is_refused():
    plain = rnn_cell()
    clash = Cell("clash", lambda rng, D, H: {**plain.init(rng, D, H), "W_y": np.zeros((H, 1))}, plain.forward,
                 plain.backward)
    with pytest.raises(ValueError, match="cell: expected parameter names other than the readout's"):
        train("adding", clash, 5, 1, progress=False)


def test_the_ablations_are_fused_only():
    assert lstm_cell(variant="coupled").name == "lstm_coupled"
    assert lstm_cell(forget_bias=0.0).name == "lstm_forget_bias_0"
    with pytest.raises(ValueError, match="fused: expected True"):
        lstm_cell(variant="no_input", fused=False)


def test_solved_at_is_the_first_step_where_the_running_mean_is_below_a_tenth_of_the_baseline():
    losses = [1.0] * 30 + [0.01] * 30
    # The mean of the last 25 falls below 0.1 once 23 of them are 0.01: at step 30 + 23.
    assert solved_at(losses, 1.0) == 53
    assert solved_at([1.0] * 60, 1.0) is None and solved_at([0.0] * 10, 1.0) is None
    run = train("adding", "lstm", 10, 300, progress=False)
    assert run.solved_at == solved_at(run.losses, run.baseline) and 25 <= run.solved_at <= 300


def test_the_summary_counts_the_seeds_that_solved():
    runs = run_experiments([{"seed": seed} for seed in (0, 1)] + [{"cell": "rnn"}], progress=False, task="adding",
                           cell="lstm", length=5, steps=300)
    lines = format_summary(runs).splitlines()
    assert lines[0].split()[:6] == ["task", "model", "T", "steps", "seeds", "solved"] and len(lines) == 4
    solved = sum(run.verdict == "solved" for run in runs[:2])
    assert lines[2].split()[:7] == ["adding", "lstm", "5", "300", "2", str(solved), "of"]
    assert lines[3].split()[:5] == ["adding", "rnn", "5", "300", "1"]
