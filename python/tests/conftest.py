import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir() -> pathlib.Path:
    return ROOT / "examples" / "data"


@pytest.fixture
def shared_test_data() -> pathlib.Path:
    """The Rust tests' data files (tests/data), for the cases both test suites check."""
    return ROOT / "tests" / "data"
