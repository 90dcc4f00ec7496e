"""Every example in the package's docstrings runs, as networkx runs its own.

pytest's --doctest-modules would import the modules by their folder's name (`graph`),
which is not the package's name; so each module is imported as `actorgraph...` and its
examples are run here, from the repository's root (the examples read its fixtures).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import actorgraph
import pytest

from tests.conftest import ROOT

_FOUND = pkgutil.walk_packages(actorgraph.__path__, "actorgraph.")
MODULES = ["actorgraph", *sorted(info.name for info in _FOUND if info.name != "actorgraph.__main__")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert failed == 0, f"{failed} example(s) in {name} failed (run with -s to see them)"


def test_the_examples_are_found() -> None:
    """A module list that came back empty would pass every test above without running one."""
    counted = 0
    for name in MODULES:
        for test in doctest.DocTestFinder().find(importlib.import_module(name)):
            counted += len(test.examples)
    assert counted >= 10, counted
