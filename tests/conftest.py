"""Shared fixtures: the real project configuration and the announcement's seed.

Also the suite's hygiene: Hypothesis profiles (``ci``, chosen when ``CI=true``, is
derandomised; ``--hypothesis-profile long`` runs many more examples), a shared
throwaway copy of the project for command-line runs that need no changes of their
own, and a guard that fails the run if any test wrote into the real repository.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pressctl.core.config import load
from pressctl.core.settings import Config
from pressctl.source.read import read
from pressctl.source.release import Release

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "bmw-huawei-harmonyos.md"
PROJECT_FILES = ("seeds", "locales", "pyproject.toml")

_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("default", max_examples=40, deadline=None,
                          suppress_health_check=_SLOW)
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          database=None, print_blob=True, suppress_health_check=_SLOW)
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=_SLOW)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "default")


def copy_project(folder: Path) -> Path:
    """Copy the project's data (config, seeds, locales) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name)
        else:
            shutil.copy(ROOT / name, folder / name)
    return folder


_shared: list[Path] = []


def shared_project() -> Path:
    """One copy of the project per test run, where command-line tests that change nothing
    run: a regression that writes (a ``dist/``, a catalog) writes there, not in the repo."""
    if not _shared:
        folder = Path(tempfile.mkdtemp(prefix="pressctl-tests-"))
        atexit.register(shutil.rmtree, folder, True)
        _shared.append(copy_project(folder / "project"))
    return _shared[0]


def _snapshot() -> dict[str, tuple[int, int]]:
    files = {}
    for name in (*PROJECT_FILES, "dist", "tests/reference", "tests/bench/RESULTS.md"):
        path = ROOT / name
        for item in ([path] if path.is_file() else sorted(path.rglob("*"))
                     if path.is_dir() else []):
            stat = item.stat()
            files[str(item.relative_to(ROOT))] = (stat.st_size, stat.st_mtime_ns)
    return files


@pytest.fixture(scope="session", autouse=True)
def _repository_untouched() -> Iterator[None]:
    """Nothing a test does may change the project's own files or its dist/."""
    before = _snapshot()
    yield
    after = _snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"tests wrote into the repository: {changed[:10]}"


@pytest.fixture(scope="session")
def config() -> Config:
    return load(ROOT)


@pytest.fixture(scope="session")
def release() -> Release:
    return read(SEED)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's data (config, seeds, locales) to change freely."""
    return copy_project(tmp_path)


def need(tool: str) -> None:
    """Skip when a Debian tool is missing; README's set-up command installs all of them."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (the README's set-up command installs it)")
