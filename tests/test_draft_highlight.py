"""Draft kits show the machine's unreviewed drafts, highlighted, with a legend (issue 25.5).

A ``--draft`` kit used to print the source wherever an entry was fuzzy, so a
Chinese draft made from machine or OpenCC drafts read as an English kit.  Now
each fuzzy draft of the body is printed, highlighted (PDF: a yellow band drawn
as an artifact; DOCX: ``w:highlight`` yellow; web page: ``<mark>``); a draft
that looks degenerate shows its source on grey; a legend opens the kit.  A
final build still refuses fuzzy entries.  Each format is read back.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from docx.oxml.ns import qn

from pressctl.catalogs.localize import localise
from pressctl.core.config import load
from pressctl.kit.make import drafts
from pressctl.source.inline import DOUBTFUL, DRAFT, plain, spans
from pressctl.source.read import read
from pressctl.source.segment import segments
from tests.conftest import ROOT, SEED, copy_project
from tests.tagged_pdf import problems
from tests.test_cli import run

SLUG = "bmw-huawei-harmonyos"
CATALOG = Path("locales/zh/LC_MESSAGES") / f"{SLUG}.po"
#: Entries made fuzzy, their reviewed Chinese kept as the machine's draft.
DRAFTED = ("Specifically, this partnership", "Through deep integration with the Harmony")
#: The entry whose draft looks degenerate: its source stands in, on grey.
DOUBTED = "According to the agreement, BMW will deeply integrate"
LOOP = "数字钥匙数字钥匙数字钥匙数字钥匙"
LEGEND = ("机器翻译，尚未审校", "原文：其机器译文疑有错误")
YELLOW, GREY = (1.0, 0.953, 0.627), (0.863, 0.863, 0.863)


def _unreviewed(project: Path) -> dict[str, str]:
    """Make the DRAFTED entries fuzzy and DOUBTED a repetition loop flagged doubtful;
    return each fuzzy msgid's draft."""
    po = polib.pofile(str(project / CATALOG))
    found = {}
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        if entry.msgid.startswith(DRAFTED):
            entry.flags.append("fuzzy")
            found[entry.msgid] = entry.msgstr
        elif entry.msgid.startswith(DOUBTED):
            entry.flags.append("fuzzy")
            entry.msgstr = LOOP
            entry.tcomment = "doubtful: repeats itself: '数字钥匙数字钥匙数字钥匙'"
            found[entry.msgid] = LOOP
    po.save()
    assert len(found) == 3
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = copy_project(tmp_path_factory.mktemp("draft-highlight") / "project")
    found = _unreviewed(project)
    result = run("build", "--draft", "--format", "pdf", "--format", "docx", "--format", "html",
                 cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "dist" / SLUG, found


def _drafted(found: dict[str, str]) -> list[str]:
    return [draft for msgid, draft in found.items() if msgid.startswith(DRAFTED)]


def test_the_localiser_marks_drafts_and_doubtful_ones_in_the_body_only() -> None:
    release = read(SEED, default_lang="en")
    found = {s.text: ("草稿。", s.text.startswith(DOUBTED)) for s in segments(release)}
    marked = localise(release, {}, "zh", found)
    shown = [s for b in marked.blocks for s in spans(b.text)]
    assert {s.mark for s in shown if s.text.strip()} == {DRAFT, DOUBTFUL}
    assert all(not s.text.replace("草稿。", "") for s in shown if s.mark == DRAFT)
    assert any(s.text.startswith(DOUBTED) for s in shown if s.mark == DOUBTFUL)
    assert marked.title == release.title  # drawn as plain text: its source, unmarked
    assert marked.untranslated  # a draft is not a translation: the gate still counts it
    unmarked = localise(release, {}, "zh")  # a final build's kit: sources, no mark
    assert all(s.mark is None for b in unmarked.blocks for s in spans(b.text))
    assert drafts(load(ROOT), release, "zh") == {}  # the project's catalog is all reviewed


def test_pdf_prints_the_drafts_on_yellow_and_the_doubtful_source_on_grey(
        built: tuple[Path, dict[str, str]]) -> None:
    import pdfplumber

    folder, found = built
    pdf_path = folder / f"{SLUG}.zh.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        text = "".join(page.extract_text().split())
        chars = page.chars

        def bands(colour: tuple[float, ...]) -> list[dict]:  # type: ignore[type-arg]
            return [r for r in page.rects if r.get("fill") and r.get("non_stroking_color")
                    and all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"],
                                                                colour, strict=True))]

        def under(snippet: str, colour: tuple[float, ...], last: bool = False) -> bool:
            """Whether the characters of ``snippet`` (its first or last time on the page)
            lie on a band."""
            drawn = "".join(c["text"] for c in chars)
            start = drawn.rfind(snippet) if last else drawn.find(snippet)
            assert start >= 0, snippet
            return all(any(r["x0"] - 0.5 <= c["x0"] and c["x1"] <= r["x1"] + 0.5
                           and r["top"] - 0.5 <= c["top"] and c["bottom"] <= r["bottom"] + 0.5
                           for r in bands(colour)) for c in chars[start:start + len(snippet)])

        for draft in _drafted(found):
            assert "".join(plain(draft).split())[:20] in text
        assert under(_drafted(found)[0][:8], YELLOW)
        assert LOOP not in text  # the degenerate draft is not printed …
        assert "Accordingtotheagreement" in text  # … its source is, on grey
        assert under("According", GREY)
        assert all(part in text for part in LEGEND)
        assert under(LEGEND[0], YELLOW) and under(LEGEND[1], GREY)
        assert not under("宝马将在中国", YELLOW)  # the reviewed title is not highlighted
        assert not under("“在中国，近四分之一的", YELLOW)  # reviewed in the body, but
        assert under("“在中国，近四分之一的", YELLOW, last=True)  # the pull-quote has a draft
    assert problems(pdf_path) == []  # the bands are artifacts: the tag tree stays valid


def test_docx_highlights_the_draft_runs(built: tuple[Path, dict[str, str]]) -> None:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    folder, found = built
    document = Document(str(folder / f"{SLUG}.zh.docx"))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    yellow = "".join(r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW)
    grey = "".join(r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.GRAY_25)
    for draft in _drafted(found):
        assert plain(draft) in yellow
    assert LEGEND[0] in yellow and LEGEND[1] in grey
    assert "According to the agreement" in grey and LOOP not in yellow + grey
    pull = next(p for p in document.paragraphs if p.style.name == "Pull Quote")
    assert {r.font.highlight_color for r in pull.runs} == {WD_COLOR_INDEX.YELLOW}
    reviewed = "".join(r.text for r in runs if r.font.highlight_color is None)
    assert "3月17日，宝马中国宣布与华为终端达成合作协议。" in reviewed


def test_html_marks_the_drafts(built: tuple[Path, dict[str, str]]) -> None:
    import re

    folder, found = built
    page = (folder / f"{SLUG}.zh.html").read_text("utf-8")
    marked = re.findall(r'<mark class="(draft|doubtful)">(.*?)</mark>', page, re.S)
    drafts_shown = " ".join(re.sub("<[^>]+>", "", t) for kind, t in marked if kind == "draft")
    doubtful = " ".join(re.sub("<[^>]+>", "", t) for kind, t in marked if kind == "doubtful")
    for draft in _drafted(found):
        assert plain(draft) in drafts_shown
    assert "According to the agreement" in doubtful and LOOP not in page
    assert '<figure class="pull"><blockquote><p><mark class="draft">' in page  # it repeats one
    legend = re.search(r'<p class="legend"[^>]*>(.*?)</p>', page, re.S)
    assert legend is not None and all(part in legend.group(1) for part in LEGEND)


def test_a_final_build_still_refuses_the_fuzzy_drafts(
        built: tuple[Path, dict[str, str]]) -> None:
    folder, _ = built
    result = run("build", "--lang", "zh", "--format", "html", "--force",
                 cwd=folder.parent.parent)
    assert result.returncode == 1, result.stderr
    assert "not reviewed" in result.stderr and DOUBTED[:20] in result.stderr


def test_the_bilingual_editions_highlight_the_translation_side(
        built: tuple[Path, dict[str, str]]) -> None:
    import pdfplumber
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    folder, found = built
    pdf_path = folder / f"{SLUG}.bilingual.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        text = "".join(page.extract_text().split())
        yellow = [r for r in page.rects if r.get("non_stroking_color") and
                  all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], YELLOW,
                                                        strict=True))]
    assert LEGEND[0] in text and yellow
    assert all(r["x0"] > page.width / 2 - 10 for r in yellow)  # the Chinese column only
    assert problems(pdf_path) == []
    document = Document(str(folder / f"{SLUG}.bilingual.docx"))
    runs = [r for table in document.tables for row in table.rows for cell in row.cells
            for paragraph in cell.paragraphs for r in paragraph.runs]
    runs += [r for paragraph in document.paragraphs for r in paragraph.runs]
    highlighted = "".join(r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW)
    assert LEGEND[0] in highlighted
    assert all(plain(draft) in highlighted for draft in _drafted(found))


TABLE_SEED = """---
title: "Plant opens"
organisation: "Example Energy"
date: 2026-12-01
---

The plant opened today.

| Phase | Capacity (GWh) |
| --- | ---: |
| One | 8 |
"""


def test_a_highlighted_table_heading_is_set_in_dark_ink(tmp_path: Path) -> None:
    """A table's heading row is white on the brand colour; a draft's highlight behind it
    made its machine draft white on light yellow, unreadable (seen in a Traditional draft
    kit).  Highlighted text is set in the body's ink, in the PDF and the DOCX."""
    import docx
    import pdfplumber

    project = copy_project(tmp_path / "project")
    (project / "seeds" / f"{SLUG}.md").unlink()
    (project / "seeds" / "plant.md").write_text(TABLE_SEED, encoding="utf-8")
    assert run("catalog", "update", cwd=project).returncode == 0
    catalog = project / "locales/zh/LC_MESSAGES/plant.po"
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr = {"Phase": "阶段", "Capacity (GWh)": "产能（吉瓦时）"}.get(
            entry.msgid, "译文。")
        entry.flags.append("fuzzy")
    po.save()
    result = run("build", "--draft", "--lang", "zh", "--format", "pdf", "--format", "docx",
                 cwd=project)
    assert result.returncode == 0, result.stderr
    folder = project / "dist" / "plant"
    with pdfplumber.open(folder / "plant.zh.pdf") as pdf:
        chars = pdf.pages[0].chars
        drawn = "".join(c["text"] for c in chars)
        start = drawn.find("阶段")
        assert start >= 0
        for char in chars[start:start + 2]:
            assert max(char["non_stroking_color"]) < 0.5, char["non_stroking_color"]
    table = docx.Document(str(folder / "plant.zh.docx")).tables[0]
    heading = [r for r in table.rows[0].cells[0].paragraphs[0].runs if r.text.strip()]
    assert heading and heading[0].text == "阶段"
    assert heading[0]._r.rPr.find(qn("w:highlight")) is not None
    assert str(heading[0].font.color.rgb) == "262626"
