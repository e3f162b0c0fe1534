"""Two releases of our own, taken through qa → build as a new user would (issue 23).

tests/data/own/financial: quarterly results full of figures (€ billions, margins,
percentage points, a table of four quarters, dates), English, translated by hand
into Chinese (亿, 同比增长, 个百分点, 2025年第四季度).
tests/data/own/depot: a long English release (six pages) with nested lists,
four pictures (JPEG and PNG) and a quotation on most pages, translated by hand.

Both must pass QA without an error (they used to raise nine false alarms:
"a hundred and fifty years" read as fifty, "kilometres" as no unit, "Year two"
as a count, "three times larger" against 三倍, 两股道 and 十英里 not read as
counts), QA must still catch a figure planted wrong, and the pages must hold
the table's words, the figures and a lead-in paragraph on its list's page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import polib
import pypdf
import pytest

from pressctl.qa.base import Pair
from pressctl.qa.spelled import check as spelled_check
from pressctl.qa.units import check as units_check
from tests.conftest import ROOT, need
from tests.test_cli import run

OWN = ROOT / "tests" / "data" / "own"
FIN = "halvard-fy2026-q3"
DEPOT = "kestrel-depot"


def project(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(OWN / name, root)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("own")
    roots = {}
    for name in ("financial", "depot"):
        root = project(base, name)
        qa = run("qa", cwd=root)
        assert qa.returncode == 0, qa.stdout + qa.stderr
        assert " error:" not in qa.stdout, qa.stdout
        result = run("build", cwd=root)
        assert result.returncode == 0, result.stderr
        roots[name] = root
    return roots


def pdf_text(path: Path) -> list[str]:
    need("pdftotext")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def test_the_results_table_is_printed_in_both_languages(built: dict[str, Path]) -> None:
    dist = built["financial"] / "dist" / FIN
    english = " ".join(pdf_text(dist / f"{FIN}.en.pdf"))
    for words in ("Quarter", "Gross margin", "Operating profit", "Q4 2025", "€2.61 billion",
                  "40.2%", "€455 million", "Q3 2026", "€2.84 billion", "41.7%", "€512 million"):
        assert words in english, words
    chinese = re.sub(r"\s+", "", "".join(pdf_text(dist / f"{FIN}.zh.pdf")))
    for words in ("季度", "毛利率", "营业利润", "2025年第四季度", "26.1亿欧元", "4.55亿欧元",
                  "2026年第三季度", "28.4亿欧元", "5.12亿欧元", "同比增长12.4%",
                  "上升1.8个百分点至41.7%", "2027年2月4日"):
        assert words in chinese, words
    table = docx.Document(str(dist / f"{FIN}.zh.docx")).tables[0]
    assert [c.text for c in table.rows[4].cells] == ["2026年第三季度", "28.4亿欧元", "41.7%",
                                                      "5.12亿欧元"]


@pytest.mark.parametrize(("old", "new", "check"), [
    ('"27.3亿欧元"', '"2.73亿欧元"', "numbers"),
    ("营业利润达5.12亿欧元", "营业利润达5.21亿欧元", "numbers"),
    ("同比增长12.4%。", "同比下降12.4%。", "trend"),
    ("上升1.8个百分点至41.7%", "上升1.8%至41.7%", "units"),
    ("净现金为13.5亿欧元", "净现金为13.5亿美元", "currency"),
    ("2027年2月4日", "2027年2月14日", "dates"),
])
def test_a_wrong_figure_planted_in_the_results_is_caught(tmp_path: Path, old: str, new: str,
                                                         check: str) -> None:
    root = project(tmp_path, "financial")
    catalog = root / "locales" / "zh" / "LC_MESSAGES" / f"{FIN}.po"
    text = catalog.read_text(encoding="utf-8")
    assert old in text
    catalog.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("qa", cwd=root)
    assert result.returncode == 1, result.stdout
    assert f"error: {check}:" in result.stdout, result.stdout


def test_the_long_release_has_its_pictures_lists_and_quotes(built: dict[str, Path]) -> None:
    dist = built["depot"] / "dist" / DEPOT
    for lang in ("en", "zh"):
        pages = pypdf.PdfReader(dist / f"{DEPOT}.{lang}.pdf").pages
        assert len(pages) >= 3
        pictures = sum(len(page.images) for page in pages)
        assert pictures == 4, (lang, pictures)
        assert len(docx.Document(str(dist / f"{DEPOT}.{lang}.docx")).inline_shapes) == 4
    zh = [re.sub(r"\s+", "", page) for page in pdf_text(dist / f"{DEPOT}.zh.pdf")]
    for words in ("–每运行600,000公里进行一次转向架大修", "“这座车辆段让技术工作重回",
                  "——首席执行官PriyaRaman", "从运河纤道望去的新车辆段厂房"):
        assert any(words in page for page in zh), words


def test_a_lead_in_ending_in_a_colon_stays_on_its_lists_page(built: dict[str, Path]) -> None:
    """The Chinese edition used to end page 1 with "车辆段承担各级…维修：" and start the
    list overleaf; the DOCX marks such a paragraph keep-with-next."""
    dist = built["depot"] / "dist" / DEPOT
    pages = [re.sub(r"\s+", "", page) for page in pdf_text(dist / f"{DEPOT}.zh.pdf")]
    for lead_in, item in (("车辆段承担各级计划性和非计划性维修：", "•日常检查和清洁"),
                          ("其中：", "1.技术人员180名")):
        where = [i for i, page in enumerate(pages) if lead_in in page]
        assert where and item in pages[where[0]], (lead_in, where)
    kept = [p.text for p in docx.Document(str(dist / f"{DEPOT}.zh.docx")).paragraphs
            if p.paragraph_format.keep_with_next and p.style.name == "Normal"]
    assert "车辆段承担各级计划性和非计划性维修：" in kept


@pytest.mark.parametrize(("english", "chinese"), [
    ("a town that built carriages for a hundred and fifty years", "制造了一百五十年客车的小镇"),
    ("two roads kept free", "另有两股道专留"),
    ("Year two: traction and braking systems", "第二年：牵引和制动系统"),
    ("Year three: a placement", "第三年：实习"),
    ("within ten miles of the gate", "大门周围十英里以内"),
    ("even though it is three times larger", "面积是其三倍"),
])
def test_spelled_figures_of_the_long_release_agree(english: str, chinese: str) -> None:
    pair = Pair(english, chinese, source_locale="en", target_locale="zh_Hans_CN")
    assert [f.message for f in spelled_check(pair)] == []


@pytest.mark.parametrize(("english", "chinese"), [
    ("a hundred and fifty years", "一百四十年"),
    ("within ten miles", "十二英里以内"),
    ("three times larger", "两倍"),
])
def test_a_changed_spelled_figure_is_still_caught(english: str, chinese: str) -> None:
    pair = Pair(english, chinese, source_locale="en", target_locale="zh_Hans_CN")
    assert [f.message for f in spelled_check(pair)] != []


def test_british_kilometres_are_a_unit() -> None:
    pair = Pair("every 600,000 kilometres", "每运行600,000公里",
                source_locale="en", target_locale="zh_Hans_CN")
    assert [f.message for f in units_check(pair)] == []
    changed = Pair("every 600,000 kilometres", "每运行600,000米",
                   source_locale="en", target_locale="zh_Hans_CN")
    assert [f.message for f in units_check(changed)] != []


def test_the_catalogs_are_reviewed() -> None:
    for name, slug in (("financial", FIN), ("depot", DEPOT)):
        po = polib.pofile(str(OWN / name / "locales" / "zh" / "LC_MESSAGES" / f"{slug}.po"))
        assert po.percent_translated() == 100 and not po.fuzzy_entries(), name
