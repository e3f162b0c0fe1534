"""``pressctl new`` and ``pressctl doctor``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressctl.catalogs import catalog
from pressctl.core.config import load
from pressctl.source.read import read
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


def _reviewed(project: Path, slug: str) -> dict[str, str]:
    return catalog.reviewed(catalog.load(load(project).catalog_path("zh", slug)))


def test_new_fills_what_memory_and_glossary_know_and_prints_the_next_steps(
        project: Path) -> None:
    result = run("new", "2025-q1-results", "--title", "Q1: results", "--date", "2025-04-02",
                 "--lang", "en", cwd=project)
    assert result.returncode == 0, result.stderr
    release = read(project / "seeds" / "2025-q1-results.md")
    assert (release.title, release.date.isoformat()) == ("Q1: results", "2025-04-02")
    assert _reviewed(project, "2025-q1-results") == {"BMW China": "宝马中国"}  # from memory
    assert "BMW China → 宝马中国" in result.stderr
    steps = result.stderr[result.stderr.index("next steps:"):]
    po = "locales/zh/LC_MESSAGES/2025-q1-results.po"
    order = ["edit seeds/2025-q1-results.md", "pressctl catalog update",
             "pressctl translate seeds/2025-q1-results.md", f"PO editor (Poedit, Lokalize): {po}",
             "pressctl qa", "pressctl build", "dist/2025-q1-results/"]
    positions = [steps.find(step) for step in order]
    assert -1 not in positions and positions == sorted(positions), steps


def test_new_in_a_subfolder_prints_commands_that_work_there(project: Path) -> None:
    """Run from seeds/, the translate step names the seed as typed there, and it works."""
    result = run("new", "from-seeds", cwd=project / "seeds")
    assert result.returncode == 0, result.stderr
    assert (project / "seeds" / "from-seeds.md").is_file()
    assert not (project / "seeds" / "seeds").exists()
    assert "pressctl translate from-seeds.md " in result.stderr
    assert "pressctl translate seeds/from-seeds.md" not in result.stderr
    translate = run("translate", "from-seeds.md", "--to", "zh", "--memory-only",
                    cwd=project / "seeds")
    assert translate.returncode == 0, translate.stderr


def test_new_takes_a_name_only_the_glossary_knows(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace(
        'organisation = "BMW China"', 'organisation = "BMW Group Greater China"'), "utf-8")
    assert run("new", "regional", cwd=project).returncode == 0
    assert _reviewed(project, "regional") == {"BMW Group Greater China": "宝马集团大中华区"}


@pytest.mark.parametrize(("args", "message"), [
    (("--date", "2025-02-30"), "--date '2025-02-30' is not a date: day is out of range"),
    (("--date", "17 March 2025"), "--date '17 March 2025' is not an ISO date"),
    (("--lang", "fr"), "--lang 'fr' is not one of this project's languages (en, zh)"),
])
def test_new_refuses_bad_options_and_writes_nothing(project: Path, args: tuple[str, ...],
                                                    message: str) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = run("new", "later", *args, cwd=project)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
