"""``pressctl build [SLUG]...``: one release at a time, each gated and marked on its own.

The project gets a second release, ``second``, a copy of the announcement with a
copy of its reviewed catalog, so it is complete; the tests then break the first
one and check that the second is neither blocked nor stamped DRAFT because of it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdf
import pytest

from tests.test_build import REVENUE_EN, REVENUE_ZH, SEED, SLUG, ZH_PO, edit, pdf_text, squeeze
from tests.test_cli import run

OTHER = "second"


@pytest.fixture
def two(project: Path) -> Path:
    shutil.copy(project / SEED, project / "seeds" / f"{OTHER}.md")
    shutil.copy(project / ZH_PO, project / ZH_PO.with_name(f"{OTHER}.po"))
    return project


def manifest(project: Path, slug: str) -> dict:  # type: ignore[type-arg]
    return json.loads((project / "dist" / slug / "manifest.json").read_text(encoding="utf-8"))


def says_draft(pdf: Path) -> bool:
    """Whether a page of the PDF carries the DRAFT mark (its header says so on every page),
    in English or in the Chinese kit wording ("草稿——不得发布")."""
    return any(word in page.extract_text().casefold()
               for page in pypdf.PdfReader(pdf).pages for word in ("draft", "草稿"))


def test_build_slug_builds_only_that_release(two: Path) -> None:
    edit(two / ZH_PO, f'msgstr "{REVENUE_ZH}"', 'msgstr ""')  # the other release is incomplete
    result = run("build", OTHER, "--format", "pdf", "--json", cwd=two)
    assert result.returncode == 0, result.stderr
    assert [r["slug"] for r in json.loads(result.stdout)] == [OTHER]
    assert sorted(p.name for p in (two / "dist").iterdir()) == [OTHER]
    assert sorted(p.name for p in (two / "dist" / OTHER).iterdir()) == [
        "manifest.json", f"{OTHER}.bilingual.pdf", f"{OTHER}.en.pdf", f"{OTHER}.zh.pdf"]
    assert manifest(two, OTHER)["draft"] is False

    # the incomplete one is still refused, naming only itself
    result = run("build", SLUG, "--format", "pdf", cwd=two)
    assert result.returncode == 1
    assert f"{SLUG}: translations missing or not reviewed" in result.stderr
    assert f"{OTHER}:" not in result.stderr

    # --check of one release: up to date, though the other was never built
    assert run("build", "--check", OTHER, "--format", "pdf", cwd=two).returncode == 0
    check_all = run("build", "--check", "--format", "pdf", "--draft", cwd=two)
    assert check_all.returncode == 1
    assert f"missing: dist/{SLUG}/{SLUG}.en.pdf" in check_all.stdout
    assert f"dist/{OTHER}/" not in check_all.stdout


def test_an_unknown_slug_is_exit_2_listing_the_releases(two: Path) -> None:
    result = run("build", "secnod", cwd=two)
    assert result.returncode == 2
    assert result.stderr.splitlines()[:2] == [
        "error: seeds: unknown release 'secnod' (did you mean 'second'?)",
        f"  hint: releases: {SLUG}, {OTHER}"]
    assert not (two / "dist").exists()


def test_a_seed_path_names_its_release(two: Path) -> None:
    result = run("build", f"seeds/{OTHER}.md", "--lang", "en", "--format", "pdf", cwd=two)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (two / "dist").iterdir()) == [OTHER]


def test_draft_marks_only_the_release_that_needs_it(two: Path) -> None:
    edit(two / ZH_PO, f'msgstr "{REVENUE_ZH}"', 'msgstr ""')
    result = run("build", "--draft", "--format", "pdf", "--json", cwd=two)
    assert result.returncode == 0, result.stderr
    drafts = {r["slug"]: r["draft"] for r in json.loads(result.stdout)}
    assert drafts == {SLUG: True, OTHER: False}
    assert manifest(two, SLUG)["draft"] is True
    assert manifest(two, OTHER)["draft"] is False
    for edition in ("en", "zh", "bilingual"):
        assert says_draft(two / "dist" / SLUG / f"{SLUG}.{edition}.pdf"), edition
        assert not says_draft(two / "dist" / OTHER / f"{OTHER}.{edition}.pdf"), edition
    assert squeeze(REVENUE_EN) in squeeze(pdf_text(two / "dist" / SLUG / f"{SLUG}.zh.pdf"))

    # the complete release is the same file a normal build makes: nothing to redo
    again = run("build", OTHER, "--format", "pdf", "--json", cwd=two)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)[0]["built"] == []


def test_the_qa_gate_is_per_release(two: Path) -> None:
    edit(two / ZH_PO, f'msgstr "{REVENUE_ZH}"',
         f'msgstr "{REVENUE_ZH.replace("1423.8亿", "1432.8亿")}"')
    refused = run("build", "--format", "pdf", cwd=two)
    assert refused.returncode == 1
    assert f"{ZH_PO}:" in refused.stderr and "numbers" in refused.stderr

    alone = run("build", OTHER, "--format", "pdf", cwd=two)
    assert alone.returncode == 0, alone.stderr

    drafted = run("build", "--draft", "--format", "pdf", "--json", cwd=two)
    assert drafted.returncode == 0, drafted.stderr
    assert {r["slug"]: r["draft"] for r in json.loads(drafted.stdout)} == {SLUG: True,
                                                                           OTHER: False}
    assert says_draft(two / "dist" / SLUG / f"{SLUG}.zh.pdf")
    assert not says_draft(two / "dist" / OTHER / f"{OTHER}.zh.pdf")
    text = run("build", "--draft", "--format", "pdf", "--force", cwd=two).stderr
    assert f"DRAFT: {SLUG} has 1 blocking QA problem(s)" in text
    assert f"DRAFT: {OTHER}" not in text


def test_qa_slug_checks_only_that_release(two: Path) -> None:
    """After one release's catalog loses an entry, ``qa second`` reads only the other."""
    edit(two / ZH_PO, f'msgstr "{REVENUE_ZH}"', 'msgstr ""')
    broken = run("qa", "--json", cwd=two)
    assert broken.returncode == 1
    assert any(f"{SLUG}.po" in p["file"] for p in json.loads(broken.stdout)["problems"])
    result = run("qa", OTHER, "--json", cwd=two)
    assert result.returncode == 0, result.stdout + result.stderr
    files = {p["file"] for p in json.loads(result.stdout)["problems"]}
    assert not any(f"{SLUG}.po" in f for f in files), files
    assert run("qa", f"seeds/{OTHER}.md", cwd=two).returncode == 0


def test_qa_refuses_an_unknown_slug_as_build_does(two: Path) -> None:
    result = run("qa", "secnod", cwd=two)
    assert result.returncode == 2
    assert result.stderr.splitlines()[:2] == [
        "error: seeds: unknown release 'secnod' (did you mean 'second'?)",
        f"  hint: releases: {SLUG}, {OTHER}"]


def test_messages_name_files_relative_to_the_working_directory(two: Path) -> None:
    """From a subfolder, a QA line and the build's gate name the catalog as the shell there
    would (``zh/LC_MESSAGES/…`` under ``locales/``), like a seed error does."""
    edit(two / ZH_PO, f'msgstr "{REVENUE_ZH}"', 'msgstr ""')
    inside = two / "locales"
    result = run("qa", cwd=inside)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "untranslated" in line]
    assert lines and all(line.startswith(f"zh/LC_MESSAGES/{SLUG}.po:") for line in lines), \
        result.stdout
    gate = run("build", SLUG, "--format", "pdf", cwd=inside)
    assert gate.returncode == 1
    assert f"(zh/LC_MESSAGES/{SLUG}.po)" in gate.stderr, gate.stderr
    assert "(locales/zh/" not in gate.stderr
