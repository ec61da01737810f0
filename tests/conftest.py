"""Shared fixtures: optional dependencies that CI requires, and the course's notebooks."""

import importlib
import os
import sys
from pathlib import Path

import pytest

# The tests drive the benchmark's notebook runner too (benchmarks/ sits beside tests/, not in the package).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notebook_tools import NOTEBOOK_PATHS


def fail_or_skip(message, flag):
    """Something a test needs is missing: fail when env var `flag` is 1 (as in CI), else skip with `message`."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{message} ({flag}=1 makes it required)")
    pytest.skip(message)


def require_or_skip(module, flag, how_to_get):
    """Import `module`; if it is missing, fail or skip (see fail_or_skip) saying how to get it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        fail_or_skip(f"{module} is not installed: {how_to_get}", flag)


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the independent reference for the cells; never a requirement of the course itself."""
    return require_or_skip("torch", "GATES_REQUIRE_TORCH", "pip install torch==2.13.0 (CI installs it)")


@pytest.fixture(params=NOTEBOOK_PATHS, ids=[path.name for path in NOTEBOOK_PATHS])
def notebook_path(request):
    return request.param
