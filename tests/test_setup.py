"""Where pressctl installs: Python 3.11 to 3.13, with pyproject, .ci/setup and README agreeing."""

from __future__ import annotations

import glob
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ("3.11", "3.12", "3.13")


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_pyproject_accepts_3_11_to_3_13() -> None:
    project = _project()
    accepted = SpecifierSet(str(project["requires-python"]))
    assert [v for v in ("3.10", *SUPPORTED, "3.14") if v in accepted] == list(SUPPORTED)
    classifiers = [c for c in project["classifiers"]  # type: ignore[attr-defined]
                   if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert [c.rsplit(" ", 1)[1] for c in classifiers] == list(SUPPORTED)


def _interpreters() -> dict[str, str]:
    """Real interpreters on this machine by version (pyenv's, as the README's CI uses)."""
    found = {}
    for path in sorted(glob.glob(str(Path.home() / ".pyenv/versions/3.*/bin/python3.*[0-9]"))):
        version = re.search(r"python(3\.\d+)$", path)
        if version:
            found.setdefault(version.group(1), path)
    return found


def test_setup_accepts_the_same_interpreters_as_pyproject() -> None:
    """.ci/setup's own test, run by real interpreters, agrees with requires-python."""
    setup = (ROOT / ".ci" / "setup").read_text(encoding="utf-8")
    check = re.search(r"^supported='([^']+)'$", setup, re.MULTILINE)
    assert check is not None
    accepted = SpecifierSet(str(_project()["requires-python"]))
    interpreters = _interpreters()
    if not {"3.12", "3.13"} <= set(interpreters):
        pytest.skip(f"needs pyenv's Python 3.12 and 3.13; found {sorted(interpreters)}")
    verdicts = {version: subprocess.run([path, "-c", check.group(1)]).returncode == 0
                for version, path in interpreters.items()}
    assert verdicts == {version: version in accepted for version in interpreters}
    assert all(verdicts[v] for v in ("3.12", "3.13"))


def test_ci_runs_the_readme_command_and_the_light_install() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line.strip() for line in run.splitlines()]
    assert "bash .ci/setup && .venv/bin/pressctl build" in lines
    assert ".venv/bin/python -m pytest" in lines
    assert "bash .ci/setup && .venv/bin/pressctl build" in readme
    assert ".venv/bin/python -m pytest" in readme
    assert 'PYTHON="$py313" bash .ci/setup --light' in lines
    assert ".venv-light/bin/python -m pytest" in lines
    assert "bash .ci/setup --light" in readme
    assert ".venv-light/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
