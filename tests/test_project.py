"""``pressctl new`` and ``pressctl doctor``."""

from __future__ import annotations

import json
from pathlib import Path

from pressctl import catalog
from pressctl.config import load
from pressctl.read import read
from tests.test_cli import run


def test_new_scaffolds_a_readable_release_and_its_catalogs(project: Path) -> None:
    result = run("new", "2025-q1-results", "--title", "First-quarter results", cwd=project)
    assert result.returncode == 0, result.stderr
    seed = project / "seeds" / "2025-q1-results.md"
    release = read(seed)
    assert release.title == "First-quarter results"
    assert release.organisation == "BMW China"
    assert release.lang == "en"
    po = catalog.load(load(project).catalog_path("zh", "2025-q1-results"))
    assert "First-quarter results" in {e.msgid for e in po}
    again = run("new", "2025-q1-results", cwd=project)
    assert again.returncode == 2 and "exists already" in again.stderr
    assert run("new", "Not A Slug", cwd=project).returncode == 2


def test_doctor_reports_fonts_and_output(project: Path) -> None:
    result = run("doctor", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    findings = {(f["area"], f["item"]): f for f in json.loads(result.stdout)}
    assert findings[("fonts", "zh")]["ok"]
    assert findings[("output", "dist")]["ok"]


def test_doctor_names_a_missing_font_and_exits_3(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8")
                         + '\n[tool.pressctl.fonts.zh]\nregular = "No Such Font Family"\n',
                         encoding="utf-8")
    result = run("doctor", cwd=project)
    assert result.returncode == 3
    assert "No Such Font Family" in result.stdout
    assert "fix:" in result.stdout
