"""A private copy of the project in which code can be broken on purpose.

Mutants are never written into the working tree: the package, the tests and the
project data are copied to a temporary folder, and pytest runs there with
``PYTHONPATH`` pointing at the copy, so every ``python -m pressctl`` the tests
start imports the broken code too (PYTHONPATH comes before the virtualenv's
``.pth`` entry for the working tree).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("pressctl", "tests", "seeds", "locales", "pyproject.toml")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", "dist")


def make_copy(folder: Path) -> Path:
    """Copy what the tests need into ``folder``; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=IGNORED, dirs_exist_ok=True)
        else:
            shutil.copy2(source, folder / name)
    return folder


@dataclass
class Outcome:
    failed: bool  # a test failed: the mutant was caught
    seconds: float
    output: str
    timed_out: bool = False


def run_tests(copy: Path, tests: list[str], timeout: float = 600) -> Outcome:
    """Run ``tests`` (pytest node ids, relative to the copy) against the copy's code."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly",
               "-p", "no:cacheprovider", "-m", "not bench", *tests]
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True,
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome(True, time.perf_counter() - start, "timed out", timed_out=True)
    seconds = time.perf_counter() - start
    # exit 1: tests failed; 2/3/4: the mutant broke collection (import error): caught too
    return Outcome(result.returncode != 0 and result.returncode != 5, seconds,
                   result.stdout[-3000:] + result.stderr[-2000:])
