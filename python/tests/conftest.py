import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Helper modules of the tests (independent_model.py) import by name under --import-mode=importlib.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


@pytest.fixture
def data_dir() -> pathlib.Path:
    return ROOT / "examples" / "data"


@pytest.fixture
def shared_test_data() -> pathlib.Path:
    """The Rust tests' data files (tests/data), for the cases both test suites check."""
    return ROOT / "tests" / "data"
