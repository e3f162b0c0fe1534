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
    # exactly one of the two runs has the optional tools hidden: the light one, or the first
    # when there is no light run (no third run of the whole suite)
    assert 'PATH="$bare" .venv-light/bin/python -m pytest' in lines
    assert 'PATH="$bare" .venv/bin/python -m pytest' in lines
    assert sum("-m pytest" in line for line in lines) == 3
    assert run.index("bash .ci/setup &&") < run.index("bash .ci/hide-tools")  # setup adds tools
    assert "bash .ci/setup --light" in readme
    assert ".venv-light/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


#: The optional tools .ci/hide-tools must hide: no test may need them (issue 21).
OPTIONAL_TOOLS = ("pandoc", "typst", "xelatex", "pdflatex", "chromium", "chromium-browser",
                  "chromedriver", "google-chrome", "pofilter")


def test_hide_tools_hides_the_optional_tools_and_keeps_the_rest(tmp_path: Path) -> None:
    """.ci/hide-tools, which .ci/run uses for its run without the optional tools."""
    import os
    import shutil

    fake = tmp_path / "fake-bin"  # stand-ins, so the check holds where none is installed
    fake.mkdir()
    for name in (*OPTIONAL_TOOLS, "pressctl-test-kept", "pdftotext", "notexecutable"):
        tool = fake / name
        tool.write_text("#!/bin/sh\necho fake\n", encoding="utf-8")
        tool.chmod(0o644 if name == "notexecutable" else 0o755)
    later = tmp_path / "later-bin"  # the same name later on PATH: the first one wins
    later.mkdir()
    (later / "pressctl-test-kept").write_text("#!/bin/sh\necho later\n", encoding="utf-8")
    (later / "pressctl-test-kept").chmod(0o755)
    path = f"{fake}:{later}:{os.environ['PATH']}"
    shadow = tmp_path / "shadow"
    done = subprocess.run(["bash", str(ROOT / ".ci" / "hide-tools"), str(shadow)],
                          env={**os.environ, "PATH": path}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    bare = done.stdout.strip()
    assert Path(bare) == shadow
    for tool in OPTIONAL_TOOLS:
        assert shutil.which(tool, path=path) == str(fake / tool)
        assert shutil.which(tool, path=bare) is None, tool
        shell = subprocess.run(["bash", "-c", f"command -v {tool}"], capture_output=True,
                               text=True, env={**os.environ, "PATH": bare})
        assert shell.returncode == 1 and not shell.stdout, tool
    kept = subprocess.run(["pressctl-test-kept"], capture_output=True, text=True,
                          env={**os.environ, "PATH": bare})
    assert kept.stdout == "fake\n"
    assert (shadow / "pdftotext").resolve() == fake / "pdftotext"
    assert not (shadow / "notexecutable").exists()
    # everything else a test needs is still there, as the shell would have found it
    for tool in ("bash", "msgfmt", "soffice", "pdffonts", "fc-match", "qpdf"):
        found = shutil.which(tool, path=path)
        if found:
            assert (shadow / tool).resolve() == Path(found).resolve(), tool
    # a folder already in use is refused rather than mixed with what it holds
    again = subprocess.run(["bash", str(ROOT / ".ci" / "hide-tools"), str(shadow)],
                           env={**os.environ, "PATH": path}, capture_output=True, text=True)
    assert again.returncode == 2 and "not empty" in again.stderr


def test_benchmark_runs_without_any_optional_baseline() -> None:
    """Without Pandoc and Typst every baseline is a cell saying why, never a KeyError."""
    from tests.bench.run import FULL, QUICK, missing_baselines

    nothing = missing_baselines(QUICK, which=lambda name: None, has_module=lambda name: False)
    assert nothing == {"typst": "n/a: pip install typst (the bench extra)",
                       "docx": "n/a: pandoc not installed",
                       "xelatex": "n/a: pandoc not installed",
                       "soffice": "n/a: pandoc not installed"}
    pandoc_only = missing_baselines(QUICK, which={"pandoc": "/x/pandoc"}.get,
                                    has_module=lambda name: False)
    assert pandoc_only == {"typst": "n/a: pip install typst (the bench extra)",
                           "xelatex": "skipped (--quick)", "soffice": "skipped (--quick)"}
    everything = missing_baselines(FULL, which=lambda name: f"/usr/bin/{name}",
                                   has_module=lambda name: True)
    assert everything == {}
    no_latex = missing_baselines(FULL, which=lambda name: None if "latex" in name else name,
                                 has_module=lambda name: True)
    assert no_latex == {"xelatex": "n/a: xelatex not installed"}
