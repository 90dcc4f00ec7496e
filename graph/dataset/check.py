"""Load and validate in one step: the only way the rest of actorgraph gets data.

Queries, pages and exports must never be built from data that failed a check,
so they all come through `load_checked`, which either returns a clean dataset
(with every quote located in its source) or raises with every problem.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..errors import DataError
from .load import load_dataset
from .model import Dataset, Problem
from .validate import validate


def check_dataset(data_dir: Path, seeds_dir: Path) -> tuple[Dataset, list[Problem]]:
    """The dataset, its quotes located, and all its problems, sorted as a curator reads them."""
    data, problems = load_dataset(data_dir, seeds_dir)
    found, located = validate(data)
    return dataclasses.replace(data, located=located), DataError(problems + found).problems


def load_checked(data_dir: Path, seeds_dir: Path) -> Dataset:
    """A dataset that passed every check; raises `DataError` otherwise."""
    data, problems = check_dataset(data_dir, seeds_dir)
    if problems:
        raise DataError(problems)
    return data
