"""pyproject.toml declares every distribution pressctl and its tests import (none come only
transitively, as lxml and packaging once did through python-docx and argostranslate)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    """``python-docx>=1.1`` → ``python-docx``, normalised as PEP 503 does."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _imported(folder: Path) -> dict[str, str]:
    """Top-level module imported anywhere under ``folder`` → one file that imports it."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def _undeclared(folder: Path, declared: set[str]) -> list[str]:
    owners = packages_distributions()
    missing = []
    for module, where in sorted(_imported(folder).items()):
        if module in sys.stdlib_module_names or module in ("pressctl", "tests"):
            continue
        distributions = {_name(d) for d in owners.get(module, [module])}
        if not distributions & declared:
            missing.append(f"{module} ({where}) from {sorted(distributions)}")
    return missing


def _project() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    # argostranslate is optional: pressctl imports its BPE tokenizer only where it is installed
    return {"run": project["dependencies"] + extras["argos-full"], "test": extras["test"]}


def test_the_package_imports_only_declared_dependencies() -> None:
    declared = {_name(r) for r in _project()["run"]}
    assert _undeclared(ROOT / "pressctl", declared) == []


def test_the_tests_import_only_declared_dependencies() -> None:
    deps = _project()
    declared = {_name(r) for r in deps["run"] + deps["test"]}
    assert _undeclared(ROOT / "tests", declared) == []


def test_the_check_sees_an_undeclared_import(tmp_path: Path) -> None:
    """The oracle: a module importing lxml is caught when lxml is not declared."""
    (tmp_path / "m.py").write_text("from lxml import etree\nimport json\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert _undeclared(tmp_path, {"pyyaml"}) == ["lxml (m.py) from ['lxml']"]
        assert _undeclared(tmp_path, {"lxml"}) == []
    finally:
        ROOT = saved


def test_the_packaged_install_is_light_and_argostranslate_an_extra() -> None:
    """The default dependencies pull neither argostranslate nor its NLP stack; the README's
    light-install section and .ci/setup say how the extra and the light venv are made."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    run = {_name(r) for r in project["dependencies"]}
    assert not run & {"argostranslate", "torch", "stanza", "spacy"}
    assert {"ctranslate2", "sentencepiece"} <= run
    assert project["optional-dependencies"]["argos-full"] == ["argostranslate>=1.9"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A light install", 1)[1].split("\n## ", 1)[0]
    assert "pip install --no-deps\n'argostranslate>=1.9'" in section or \
        "pip install --no-deps 'argostranslate>=1.9'" in section
    assert "pip install 'pressctl[argos-full]'" in readme
    setup = (ROOT / ".ci" / "setup").read_text(encoding="utf-8")
    assert "-e '.[test,argos-full]'" in setup and "-e '.[test]'" in setup
