"""Load and validate in one step: the only way the rest of actorgraph gets data.

Queries, pages and exports must never be built from data that failed a check,
so they all come through `load_checked`, which either returns a clean dataset
or raises with every problem.
"""

from __future__ import annotations

from pathlib import Path

from .load import load_dataset
from .model import DataProblems, Dataset, Problem
from .validate import validate


def check_dataset(data_dir: Path, seeds_dir: Path) -> tuple[Dataset, list[Problem]]:
    """The dataset and all its problems, sorted as a curator reads them."""
    data, problems = load_dataset(data_dir, seeds_dir)
    problems += validate(data)
    return data, DataProblems(problems).problems


def load_checked(data_dir: Path, seeds_dir: Path) -> Dataset:
    """A dataset that passed every check; raises `DataProblems` otherwise."""
    data, problems = check_dataset(data_dir, seeds_dir)
    if problems:
        raise DataProblems(problems)
    return data
