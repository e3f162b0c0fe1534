"""A Latin word in a narrow table cell is never cut without a hyphen (issue 23).

The ferry release (tests/data/own/ferry: a Chinese original with a four-column
route table, translated by hand) in the bilingual edition, where each language
gets half the page: "Xiamen–Gulangyu" used to come out as "Xiamen–Gulangy" / "u".
Columns are now measured with the font, a word reportlab cannot hyphenate
keeps its column wide enough, and the others are hyphenated by pyphen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, need
from tests.test_cli import run

DATA = ROOT / "tests" / "data" / "own" / "ferry"


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ferry")
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(DATA / "ferry.md", root / "seeds" / "ferry.md")
    catalog = root / "locales" / "en" / "LC_MESSAGES" / "ferry.po"
    catalog.parent.mkdir(parents=True)
    shutil.copy(DATA / "ferry.en.po", catalog)
    # --draft: a false QA alarm (八分钟) must not hide the typesetting from this test
    result = run("build", "--format", "pdf", "--draft", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_no_word_of_the_english_table_is_cut_bare(ferry: Path) -> None:
    need("pdftotext")
    text = subprocess.run(["pdftotext", "-raw", str(ferry / "dist/ferry/ferry.bilingual.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    vocabulary = {word for entry in polib.pofile(str(DATA / "ferry.en.po"))
                  for word in re.findall(r"[A-Za-z]+", entry.msgstr)}
    joined = re.sub(r"([A-Za-z])-\n([a-z])", r"\1\2", text)  # a hyphenated word, made whole
    words = set(re.findall(r"[A-Za-z]+", joined))
    kit = {"English", "For", "immediate", "release", "Press", "November", "Page", "of"}
    cut = sorted(words - vocabulary - kit)
    assert "Xiamen–Gulangyu" in text
    assert cut == [], f"words cut without a hyphen: {cut}"


def test_the_bilingual_edition_has_one_h1_in_both_languages(ferry: Path) -> None:
    """One H1 (the title, a Span per language in its own /Lang), as the DOCX has one
    title; the structure stays sound (tests/tagged_pdf.py)."""
    from tests import tagged_pdf

    pdf = ferry / "dist/ferry/ferry.bilingual.pdf"
    found = tagged_pdf.elements(pdf)
    h1 = [e for e in found if e.role == "H1"]
    assert len(h1) == 1, [(e.role, e.text) for e in h1]
    assert h1[0].lang is None
    assert [(kid.role, kid.lang, kid.text) for kid in h1[0].children] == [
        ("Span", "zh-CN", "厦门轮渡集团订购十二艘电动渡轮"),
        ("Span", "en-GB", "Xiamen Ferry Group orders twelve electric ferries")]
    assert tagged_pdf.problems(pdf) == []


def test_bookmarks_nest_under_the_title_as_the_docx_headings_do(ferry: Path) -> None:
    import pypdf

    for edition, title, heading in (
            ("en", "Xiamen Ferry Group orders twelve electric ferries", "Routes and vessels"),
            ("bilingual", "厦门轮渡集团订购十二艘电动渡轮 / Xiamen Ferry Group orders twelve "
                          "electric ferries", "航线与船只 / Routes and vessels")):
        outline = pypdf.PdfReader(ferry / f"dist/ferry/ferry.{edition}.pdf").outline
        assert outline[0].title == title, edition
        assert isinstance(outline[1], list) and outline[1][0].title == heading, outline


RECALL = ROOT / "tests" / "data" / "own" / "recall"


@pytest.fixture(scope="module")
def recall(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short product-recall notice written in Traditional Chinese, translated by hand."""
    root = tmp_path_factory.mktemp("recall")
    (root / "seeds").mkdir()
    shutil.copy(RECALL / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(RECALL / "kettle-recall.md", root / "seeds" / "kettle-recall.md")
    for lang, name in (("en", "kettle-recall.en.po"), ("zh_Hant_TW", "pressctl.zh_Hant_TW.po")):
        folder = root / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(RECALL / name, folder / name.replace(f".{lang}", ""))
    return root


def test_the_recall_notice_passes_qa_and_prints_its_figures(recall: Path) -> None:
    """No false alarm (三十分鐘 = thirty minutes, 最高 = up to, "Co., Ltd."), the quote's
    speaker without a stray dash, NT$ from CLDR, no empty brackets for a figure without
    a period in the bilingual edition."""
    need("pdftotext")
    qa = run("qa", cwd=recall)
    assert qa.returncode == 0, qa.stdout + qa.stderr
    assert "error:" not in qa.stdout
    built = run("build", "--format", "pdf", cwd=recall)
    assert built.returncode == 0, built.stderr
    folder = recall / "dist" / "kettle-recall"
    english = subprocess.run(["pdftotext", "-raw", str(folder / "kettle-recall.en.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "NT$1,990" in english and "1,990 TWD" not in english
    assert "— Lin Yi-chun" in english and "— —" not in english
    both = subprocess.run(["pdftotext", "-raw", str(folder / "kettle-recall.bilingual.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "()" not in both and "（）" not in both
    assert "12,800 units" in both


def test_a_heading_stays_whole_where_the_table_has_room() -> None:
    """The water-bus routes table (tests/data/own/harbour) hyphenated "Dis-/tance" and a
    Chinese heading broke "毛利/率" while the first column had room to spare; where the
    table is too narrow for its headings (the ferry's, above) they break as before."""
    import pyphen

    from pressctl.render.table_layout import PADDING_EMS, _estimate, shares
    from pressctl.source.release import Block, BlockKind

    dictionary = pyphen.Pyphen(lang="en_GB")

    def hyphenate(word: str) -> list[str]:
        return dictionary.inserted(word).split("-")

    def fits(rows: tuple[tuple[str, ...], ...], width: float, heading: str) -> bool:
        block = Block(BlockKind.TABLE, "", rows=rows, align=("", "right", "right", "right"))
        column = rows[0].index(heading)
        share = shares(block, width, hyphenate=hyphenate)[column]
        return share * width >= _estimate(heading, True) + PADDING_EMS - 1e-9

    routes = (("Routes", "Distance", "Boats", "Daily sailings"),
              ("Xiangzhou Port–Lovers' Road", "6.5 km", "5", "48"),
              ("Jiuzhou Port–Yeli Island", "3.2 km", "4", "36"))
    quarters = (("季度", "营收", "毛利率", "营业利润"),
                ("2025年第四季度", "26.1亿欧元", "40.2%", "4.55亿欧元"))
    assert fits(routes, 26.0, "Distance")
    assert fits(quarters, 24.0, "毛利率") and fits(quarters, 24.0, "营业利润")
    assert not fits(routes, 20.0, "Distance")  # no room: the heading is hyphenated


def test_a_fact_table_without_periods_has_no_period_column(recall: Path) -> None:
    """No key figure of the recall notice has a period: the fact table printed an empty
    時間 / Period column under its head in every format; it now has two columns."""
    import docx
    from lxml import html

    need("pdftotext")
    built = run("build", "--format", "pdf", "--format", "docx", "--format", "html",
                cwd=recall)
    assert built.returncode == 0, built.stderr
    folder = recall / "dist" / "kettle-recall"
    for lang, heads, period in (("zh-Hant-TW", ("指標", "數值"), "時間"),
                                ("en", ("Figure", "Value"), "Period")):
        text = subprocess.run(["pdftotext", "-raw", str(folder / f"kettle-recall.{lang}.pdf"),
                               "-"], capture_output=True, text=True, check=True).stdout
        line = next(line for line in text.splitlines() if line.startswith(heads[0]))
        assert line.split() == list(heads), line
        document = docx.Document(str(folder / f"kettle-recall.{lang}.docx"))
        facts = next(t for t in document.tables if t.rows[0].cells[0].text == heads[0])
        assert [c.text for c in facts.rows[0].cells] == list(heads)
        assert period not in [c.text for c in facts.rows[0].cells]
        page = html.fromstring((folder / f"kettle-recall.{lang}.html").read_bytes())
        assert [th.text_content() for th in page.xpath(
            '//section[@class="facts"]//thead//th')] == list(heads)
        assert len(page.xpath('//section[@class="facts"]//tbody/tr[1]/*')) == 2


def test_a_column_of_amounts_written_out_is_right_aligned_like_its_translation() -> None:
    """A wind-farm release of our own: the Chinese table set 300 兆瓦 / 9亿千瓦时 right, the
    English one "300 MW" / "900 million kWh" left (the written-out amount was no figure);
    dates and periods stay row labels."""
    from pressctl.render.table_layout import alignments
    from pressctl.source.release import Block, BlockKind

    def aligned(rows: tuple[tuple[str, ...], ...]) -> list[str]:
        return alignments(Block(BlockKind.TABLE, "", rows=rows, align=()))

    assert aligned((("Measure", "Value"), ("Installed capacity", "300 MW"),
                    ("Annual output", "900 million kWh"))) == ["left", "right"]
    assert aligned((("指标", "数值"), ("装机容量", "300兆瓦"), ("年发电量", "9亿千瓦时"))) \
        == ["left", "right"]
    assert aligned((("Quarter", "Revenue"), ("Q4 2025", "€2.61 billion"),
                    ("Q1 2026", "EUR 2.47 billion"))) == ["left", "right"]
    assert aligned((("Date", "Event"), ("29 October 2026", "Results"),
                    ("10月29日", "业绩"))) == ["left", "left"]
