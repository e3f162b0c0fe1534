"""Shared fixtures: the real project configuration and the announcement's seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressctl.config import Config, load
from pressctl.read import read
from pressctl.release import Release

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "bmw-huawei-harmonyos.md"


@pytest.fixture(scope="session")
def config() -> Config:
    return load(ROOT)


@pytest.fixture(scope="session")
def release() -> Release:
    return read(SEED)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's data (config, seeds, locales) to change freely."""
    for name in ("seeds", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def need(tool: str) -> None:
    """Skip when a Debian tool is missing; README's set-up command installs all of them."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (the README's set-up command installs it)")
