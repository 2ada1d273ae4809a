"""The README's Python examples run as written (against the installed package)."""

import pathlib
import re

import matplotlib
import pytest

import stratfund as sf

matplotlib.use("Agg")

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def _python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_has_python_examples():
    assert _python_blocks(), "no ```python block in the README"


@pytest.mark.parametrize("block", _python_blocks())
def test_a_readme_python_example_runs(block):
    namespace = {}
    exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - the README's own code
    assert namespace["sf"] is sf, "each example imports stratfund as sf"
    if "allocation" in namespace:
        assert namespace["allocation"].status == "optimal"


def test_the_one_line_check_after_the_tests_runs():
    line = re.search(r'\.venv/bin/python -c "(.*)"', README.read_text(encoding="utf-8"))
    assert line, "the README's one-line check was not found"
    exec(line.group(1), {})  # noqa: S102
