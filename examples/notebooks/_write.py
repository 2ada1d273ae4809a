"""Shared by the make_*.py scripts: writes a notebook of cells next to them."""

import pathlib

import nbformat as nbf


def write(cells, name):
    """Write ``cells`` as ``name`` (a python3 notebook) in this folder."""
    notebook = nbf.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = pathlib.Path(__file__).with_name(name)
    nbf.write(notebook, path)
    print(f"wrote {path}")
