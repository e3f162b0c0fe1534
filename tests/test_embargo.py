"""Embargoes (issue 26): ``embargo:`` in the front matter, said in every output's language
until ``--now`` passes it, and a lift that counts as a change for the build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document

from tests.conftest import need
from tests.newsroom_project import AFTER, BEFORE, EMBARGOED, build, copy
from tests.test_cli import run


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy(tmp_path_factory.mktemp("embargo") / "p")


def _seed(project: Path) -> Path:
    return project / "seeds" / f"{EMBARGOED}.md"


@pytest.mark.parametrize(("written", "message"), [
    ("2025-03-17T09:00", "is not a date and time with its time zone"),
    ("2025-03-17", "is not a date and time with its time zone"),
    ("2025-03-17T09:00+25:00", "impossible time zone +25:00"),
    ("2025-02-30T09:00+08:00", "does not exist"),
    ("next Monday", "is not a date and time"),
])
def test_an_embargo_without_a_real_time_zone_is_refused_at_its_line(
        tmp_path: Path, written: str, message: str) -> None:
    project = copy(tmp_path / "p")
    seed = _seed(project)
    seed.write_text(seed.read_text("utf-8").replace("2025-03-17T09:00+08:00", written), "utf-8")
    result = run("build", EMBARGOED, "--format", "html", cwd=project)
    assert result.returncode == 2, result.stderr
    assert f"seeds/{EMBARGOED}.md:5:" in result.stderr  # the embargo: line
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "dist" / EMBARGOED).exists()


def test_now_must_carry_its_time_zone_too(project: Path) -> None:
    result = run("build", "--now", "2025-03-17T09:00", "--format", "html", cwd=project)
    assert result.returncode == 2
    assert "--now '2025-03-17T09:00' is not a date and time with its time zone" in result.stderr


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_kits_say_embargoed_until_in_their_language_then_for_immediate_release(
        project: Path) -> None:
    need("pdftotext")
    folder = project / "dist" / EMBARGOED
    build(project, EMBARGOED, "--format", "pdf", "--format", "docx", "--lang", "en",
          "--lang", "zh", "--now", BEFORE)
    en = _pdf_text(folder / f"{EMBARGOED}.en.pdf")
    assert "Embargoed until 17 March 2025 09:00 GMT+08:00" in en
    assert "For immediate release" not in en
    zh = _pdf_text(folder / f"{EMBARGOED}.zh.pdf")
    assert "2025年3月17日09:00GMT+08:00前禁止发布" in zh.replace(" ", "")  # -layout spaces
    assert "即时发布" not in zh
    with pikepdf.open(folder / f"{EMBARGOED}.en.pdf") as pdf:
        assert "Embargoed until 17 March 2025" in str(pdf.docinfo["/Subject"])
        with pdf.open_metadata() as xmp:
            assert "Embargoed until" in str(xmp.get("dc:description"))
    docx = Document(str(folder / f"{EMBARGOED}.en.docx"))
    assert docx.core_properties.subject == \
        "Press release – Embargoed until 17 March 2025 09:00 GMT+08:00"
    labels = [p.text for p in docx.paragraphs if p.style.style_id == "ReleaseLabel"]
    assert labels == ["Embargoed until 17 March 2025 09:00 GMT+08:00"]
    bilingual = _pdf_text(folder / f"{EMBARGOED}.bilingual.pdf")
    assert "前禁止发布" in bilingual.replace(" ", "") and "Embargoed until" in bilingual

    # the lift is a change: the same files are stale at AFTER, and rebuilt
    check = run("build", EMBARGOED, "--format", "pdf", "--format", "docx", "--lang", "en",
                "--lang", "zh", "--check", "--now", AFTER, cwd=project)
    assert check.returncode == 1
    assert f"stale: dist/{EMBARGOED}/{EMBARGOED}.en.pdf" in check.stdout
    still = run("build", EMBARGOED, "--format", "pdf", "--format", "docx", "--lang", "en",
                "--lang", "zh", "--check", "--now", BEFORE, cwd=project)
    assert still.returncode == 0, still.stdout
    build(project, EMBARGOED, "--format", "pdf", "--format", "docx", "--lang", "en",
          "--lang", "zh", "--now", AFTER)
    en = _pdf_text(folder / f"{EMBARGOED}.en.pdf")
    assert "For immediate release" in en and "Embargoed" not in en
    assert "即时发布" in _pdf_text(folder / f"{EMBARGOED}.zh.pdf")
    docx = Document(str(folder / f"{EMBARGOED}.en.docx"))
    assert docx.core_properties.subject == "Press release"
    again = run("build", EMBARGOED, "--format", "pdf", "--lang", "en", "--now", AFTER,
                "--json", cwd=project)
    assert '"built": []' in again.stdout  # nothing changed since the lift


def test_a_translation_of_the_embargo_label_that_drops_the_time_is_refused(
        tmp_path: Path) -> None:
    """The label is kit wording: a translation without {time} would hide the lift moment."""
    project = copy(tmp_path / "p")
    kit = project / "locales" / "zh_Hant_TW" / "LC_MESSAGES" / "pressctl.po"
    text = kit.read_text("utf-8")
    entry = 'msgid "Embargoed until {time}"\nmsgstr ""'
    assert entry in text
    kit.write_text(text.replace(entry, 'msgid "Embargoed until {time}"\nmsgstr "Embargoed"'),
                   "utf-8")
    result = run("build", EMBARGOED, "--format", "html", "--lang", "zh-Hant-TW", "--now",
                 BEFORE, cwd=project)
    # a reviewed translation must keep {time}: msgfmt-style check at the catalog's line
    assert result.returncode in (1, 2), result.stderr
    assert "pressctl.po" in result.stderr
