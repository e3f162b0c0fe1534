"""pressctl installed as a tool: the wheel, in a fresh virtualenv outside the source tree.

What a press office does (``pipx install pressctl``), proved with pip: the
wheel's metadata pulls neither argostranslate nor, through it, stanza, spacy
and torch; the installed ``pressctl`` makes a repository, builds its kits, and
still installs and runs an Argos model.  The dependencies come from a
wheelhouse kept between runs (``PRESSCTL_TEST_WHEELHOUSE``, by default under
the user's cache); it is filled from the package index once, and the
install itself is ``--no-index`` against it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.argos_model import build_package
from tests.conftest import ROOT

HEAVY = {"torch", "stanza", "spacy", "argostranslate", "minisbd"}


def _wheelhouse() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / \
        "pressctl-tests" / "wheelhouse"
    return Path(os.environ.get("PRESSCTL_TEST_WHEELHOUSE") or default)


def fill_wheelhouse(*requirements: str) -> Path:
    """The wheelhouse, with ``requirements`` (and their dependencies) downloaded if missing;
    skips the test when they are missing and the index cannot be reached."""
    house = _wheelhouse()
    house.mkdir(parents=True, exist_ok=True)
    # never keep a pressctl wheel there: pip would take its (older) metadata for the new one's
    for old in house.glob("pressctl-*.whl"):
        old.unlink()
    # pip wheel, not pip download --only-binary: a dependency published as an sdist only
    # (feedgen) is built into a wheel there, once
    fetched = _pip("wheel", "--find-links", str(house), "-w", str(house), *requirements)
    if fetched.returncode != 0:
        pytest.skip("the wheelhouse lacks pressctl's dependencies and the package index "
                    f"cannot be reached: {fetched.stderr.strip()[-300:]}")
    for saved in house.glob("pressctl-*.whl"):
        saved.unlink()
    return house


def _pip(*args: str, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    # without the PYTHONPATH the tests run under: pip would see the checkout as installed
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([python, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, timeout=900, env=env)


# what pip installs in the isolated environment it builds pressctl's wheel in
BUILD_REQUIRES: tuple[str, ...] = tuple(
    tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ["build-system"]["requires"])


def build_wheel(base: Path) -> Path:
    """``pip wheel --no-deps`` of a copy of the package (building writes build/ and
    *.egg-info beside the code, which must not land in the checkout).

    Built as a user's pip builds it, in an isolated build environment, with the build
    backend taken from the wheelhouse: the virtualenv the tests run in need not have
    setuptools (Python 3.12+ venvs come without it; CI's light install has none)."""
    source = base / "source"
    shutil.copytree(ROOT / "pressctl", source / "pressctl",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    house = fill_wheelhouse(*BUILD_REQUIRES)
    built = _pip("wheel", "--no-deps", "--no-index", "--find-links", str(house),
                 "-w", str(base / "dist"), str(source))
    assert built.returncode == 0, built.stderr
    return next((base / "dist").glob("pressctl-*.whl"))


@pytest.fixture(scope="module")
def tool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtualenv with pressctl installed from its wheel."""
    base = tmp_path_factory.mktemp("tool")
    wheel = build_wheel(base)
    house = _wheelhouse()
    house.mkdir(parents=True, exist_ok=True)
    # first from the wheelhouse alone; only what is missing from it comes from the index
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    offline = ("install", "--no-index", "--find-links", str(house), str(wheel))
    installed = _pip(*offline, python=python)
    if installed.returncode != 0:
        fill_wheelhouse(str(wheel))
        installed = _pip(*offline, python=python)
    assert installed.returncode == 0, installed.stderr
    return venv / "bin"


def _run(tool: Path, *args: str, cwd: Path,
         env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(tool / "pressctl"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _env(home: Path) -> dict[str, str]:
    """No PYTHONPATH (the tests put the source tree on it) and a home of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
            "ARGOS_PACKAGES_DIR": str(home / "models")}


@pytest.mark.slow
def test_the_wheel_installs_a_working_tool_without_torch(tool: Path, tmp_path: Path) -> None:
    listed = subprocess.run([str(tool / "python"), "-m", "pip", "list", "--format", "json"],
                            capture_output=True, text=True, check=True)
    names = {row["name"].lower() for row in json.loads(listed.stdout)}
    assert not names & HEAVY, names & HEAVY
    assert {"ctranslate2", "sentencepiece", "reportlab", "pikepdf"} <= names
    env = _env(tmp_path / "home")
    version = _run(tool, "--version", cwd=tmp_path, env=env)
    assert version.returncode == 0 and version.stdout.startswith("pressctl "), version.stderr
    where = subprocess.run([str(tool / "python"), "-c",
                            "import pressctl; print(pressctl.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert str(ROOT) not in where.stdout  # the installed copy, not the checkout
    data = subprocess.run([str(tool / "python"), "-c",
                           "from importlib import resources; import json; "
                           "print(len(json.loads(resources.files('pressctl')"
                           ".joinpath('schemas', 'qa.json').read_text())))"],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert data.returncode == 0 and int(data.stdout) > 3, data.stderr  # package data shipped

    made = _run(tool, "init", "newsroom", "--organisation", "Example Energy", "--lang", "en",
                "--lang", "zh", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    root = tmp_path / "newsroom"
    built = _run(tool, "build", cwd=root, env=env)
    assert built.returncode == 0, built.stderr
    pdf = root / "dist" / "first-release" / "first-release.zh.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")
    assert "首座太阳能电站" in text

    # machine translation without argostranslate: install a (tiny, real) model, translate
    package = build_package(tmp_path, "en", "zh")
    models = _run(tool, "models", "install", str(package), cwd=root, env=env)
    assert models.returncode == 0, models.stderr
    out = subprocess.run([str(tool / "pressctl"), "translate", "--to", "zh", "--json"],
                         input="Example Energy will open a new plant.\n", cwd=root, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows[0]["status"] == "machine" and rows[0]["needs_review"] is True
