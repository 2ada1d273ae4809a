"""Every notebook under examples/notebooks runs from top to bottom without an error."""

import json
import pathlib
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_with_unique_cell_ids(path):
    # nbformat.read quietly adds a missing cell id and renames a repeated one, so read the file itself.
    raw = json.loads(path.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(raw))
    ids = [cell.get("id") for cell in raw["cells"]]
    assert None not in ids, "every cell needs an id"
    assert len(set(ids)) == len(ids), f"repeated cell ids: {sorted({i for i in ids if ids.count(i) > 1})}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_what_its_generator_writes(path, tmp_path):
    # Each notebook is written by make_<name>.py; an edit made to the notebook alone would be lost
    # the next time the script runs.
    script = path.with_name(f"make_{path.stem}.py")
    for source in (script, path.with_name("_write.py")):
        shutil.copy(source, tmp_path / source.name)
    subprocess.run([sys.executable, script.name], cwd=tmp_path, check=True, capture_output=True)
    written = nbformat.read(tmp_path / path.name, as_version=4)
    shipped = nbformat.read(path, as_version=4)
    assert [(c.cell_type, c.source) for c in written.cells] == [(c.cell_type, c.source) for c in shipped.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the plots should render"
