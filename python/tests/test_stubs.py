"""The type stubs match the compiled module (mypy.stubtest) and the package is typed."""

import inspect
import pathlib
import subprocess
import sys
import typing

import stratfund


def test_core_stubs_match_the_compiled_module(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "stratfund._core"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_ships_py_typed_and_stubs():
    root = pathlib.Path(stratfund.__file__).parent
    assert (root / "py.typed").exists()
    assert (root / "_core.pyi").exists()


def test_the_package_type_checks(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary", "-p", "stratfund"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _public_callables():
    """Every public function of the package's namespaces, and every public method and property
    of its public classes, as (qualified name, function)."""
    namespaces = [stratfund, stratfund.demo, stratfund.plotting, stratfund.distributed]
    seen = {}
    for namespace in namespaces:
        for name in getattr(namespace, "__all__", dir(namespace)):
            obj = getattr(namespace, name, None)
            if name.startswith("_") or obj is None:
                continue
            if inspect.isclass(obj) and obj.__module__.startswith("stratfund"):
                # Inherited members too (`from_path`, `to_markdown` come from private bases).
                for base in obj.__mro__:
                    if not base.__module__.startswith("stratfund"):
                        continue
                    for member, value in vars(base).items():
                        if member.startswith("_"):
                            continue
                        function = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
                        if inspect.isfunction(function):
                            seen.setdefault(f"{obj.__name__}.{member}", function)
            elif inspect.isfunction(obj) and obj.__module__.startswith("stratfund"):
                seen[f"{namespace.__name__}.{name}"] = obj
    return seen


def test_public_callables_name_what_they_return():
    # DataFrames, Series, ndarrays and matplotlib Axes are named (as pandas and matplotlib
    # types), so that an analyst's editor and type checker know what comes back.
    callables = _public_callables()
    assert {
        "stratfund.frontier",
        "Allocation.by_group",
        "Robustness.core_index",
        "stratfund.plotting.frontier",
        "Portfolio.from_path",
    } <= set(callables)
    vague = [
        name
        for name, function in callables.items()
        if inspect.signature(function).return_annotation in ("Any", typing.Any, inspect.Signature.empty)
    ]
    assert vague == [], vague
