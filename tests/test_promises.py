"""README promises checked against oracles written by hand, not values the code computes.

Each expected string here was written from the seed, CLDR and the Chinese style
rules (GB/T 15834, W3C "Requirements for Chinese Text Layout"): 142380000000 EUR
is "€142.38 billion" and "1423.8亿欧元", 17 March 2025 is CLDR's long date, an
opening bracket may not end a line.  ``tests/MUTATIONS.md`` lists the deliberate
bugs each test here was seen to catch.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, need
from tests.test_cli import run

SLUG = "bmw-huawei-harmonyos"
SEED = Path("seeds") / f"{SLUG}.md"
ZH_PO = Path("locales/zh/LC_MESSAGES") / f"{SLUG}.po"
KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")

#: The fact sheet row by row (label, value, period), from the seed's ``facts``.
FACTS = {
    "en": [
        ("Total revenue", "€142.38 billion", "2024"),
        ("Research and development investment", "€9.1 billion", "2024"),
        ("Year-on-year increase in R&D investment", "17.1%", "2024"),
        ("R&D investment as a share of group revenue", "about 6.4%", "2024"),
        ("Local suppliers in China", "about 460 suppliers", "2025"),
        ("Cumulative global electric vehicle sales (plan)", "over 3 million vehicles", "2025"),
        ("Pure electric vehicles delivered (plan)", "over 1.5 million vehicles", "2025"),
    ],
    "zh": [
        ("总营收", "1423.8亿欧元", "2024年"),
        ("研发投入", "91亿欧元", "2024年"),
        ("研发投入同比增幅", "17.1%", "2024年"),
        ("研发投入占集团营收比例", "约6.4%", "2024年"),
        ("中国本土供应商", "约460家", "2025年"),
        ("全球电动车累计销量（计划）", "超过300万辆", "2025年"),
        ("纯电动车累计交付量（计划）", "超过150万辆", "2025年"),
    ],
}
#: CLDR's long date for 2025-03-17 (en_GB, zh_Hans_CN); the medium one is "17 Mar 2025".
DATES = {"en": "17 March 2025", "zh": "2025年3月17日"}
#: Running headers: organisation | "Press release" and the date, on pages after the first.
HEADERS = {"en": "BMW China | Press release 17 March 2025", "zh": "宝马中国 | 新闻稿 2025年3月17日"}


def copy_project(folder: Path) -> Path:
    for name in ("seeds", "locales"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    return folder


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    need("pdftotext")
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The announcement built once through the CLI, in a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("promises"))
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "dist" / SLUG


# figures and dates -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fact_sheet_rows_are_cldr_figures_with_their_qualifiers(lang: str, kits: Path) -> None:
    text = squeeze("".join(pdf_pages(kits / f"{SLUG}.{lang}.pdf")))
    for label, value, period in FACTS[lang]:
        assert squeeze(label + value + period) in text, (label, value)
    import docx

    table = docx.Document(str(kits / f"{SLUG}.{lang}.docx")).tables[-1]
    rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
    assert rows[1:] == FACTS[lang]


def test_chinese_figures_are_written_out_by_hand(kits: Path) -> None:
    """The README's own examples: 1423.8亿欧元 (not 1424亿), 超过300万辆, the long date."""
    text = squeeze("".join(pdf_pages(kits / f"{SLUG}.zh.pdf")))
    assert "总营收1423.8亿欧元2024年" in text
    assert "1424亿" not in text
    assert "全球电动车累计销量（计划）超过300万辆2025年" in text
    assert "2025年3月17日" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dates_are_cldr_long_dates_on_every_page(lang: str, kits: Path) -> None:
    pages = pdf_pages(kits / f"{SLUG}.{lang}.pdf")
    assert len(pages) >= 2
    assert squeeze(DATES[lang]) in squeeze(pages[0])  # the letterhead
    for number, page in enumerate(pages[1:], 2):
        assert squeeze(HEADERS[lang]) in squeeze(page), number
    assert "17 Mar 2025" not in "".join(pages)
    import docx

    document = docx.Document(str(kits / f"{SLUG}.{lang}.docx"))
    assert DATES[lang] in [p.text for p in document.paragraphs]
    header = document.sections[0].header.paragraphs[0].text
    assert header.endswith("\t" + DATES[lang]), header


def test_bilingual_edition_shows_both_long_dates(kits: Path) -> None:
    import docx

    document = docx.Document(str(kits / f"{SLUG}.bilingual.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "17 March 2025  ·  2025年3月17日" in texts
    pdf = squeeze("".join(pdf_pages(kits / f"{SLUG}.bilingual.pdf")))
    assert "17March2025" in pdf and "2025年3月17日" in pdf


# the DRAFT watermark -----------------------------------------------------------------------


def _reddish_share(png: Path) -> float:
    """The share of the page's middle that is tinted red (the watermark's pale red)."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(png).convert("RGB"), dtype=int)
    height, width, _ = pixels.shape
    middle = pixels[height // 4: 3 * height // 4, width // 6: 5 * width // 6]
    red, green, blue = middle[..., 0], middle[..., 1], middle[..., 2]
    tinted = (red - green > 8) & (red - blue > 8) & (red > 200)
    return float(tinted.mean())


def _page_images(pdf: Path, folder: Path) -> list[Path]:
    need("pdftoppm")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "24", "-png", str(pdf), str(folder / "page")],
                   check=True)
    return sorted(folder.glob("page*.png"))


def test_draft_watermark_is_drawn_across_every_page(tmp_path: Path) -> None:
    """Not only the header label: a large pale red shape lies across the middle of every
    page of every PDF, and of no page of a release build."""
    root = copy_project(tmp_path / "project")
    _edit(root / ZH_PO, 'msgstr "重磅！宝马携手华为！"', 'msgstr ""')  # so the release is a draft
    result = run("build", "--draft", "--format", "pdf", cwd=root)
    assert result.returncode == 0, result.stderr
    for edition in ("en", "zh", "bilingual"):
        pdf = root / "dist" / SLUG / f"{SLUG}.{edition}.pdf"
        pages = _page_images(pdf, tmp_path / "draft" / edition)
        assert len(pages) >= 2
        for number, page in enumerate(pages, 1):
            assert _reddish_share(page) > 0.02, (edition, number)
        for number, text in enumerate(pdf_pages(pdf), 1):
            label = "草稿——不得发布" if edition == "zh" else "Draft – not for publication"
            assert squeeze(label) in squeeze(text), (edition, number)
            assert "DRAFT" not in text  # outlines, not text
    result = run("build", "--force", "--format", "pdf", "--lang", "en", cwd=root)
    assert result.returncode == 0, result.stderr
    for page in _page_images(root / "dist" / SLUG / f"{SLUG}.en.pdf", tmp_path / "final"):
        assert _reddish_share(page) < 0.001, page


# kinsoku ------------------------------------------------------------------------------------

#: Written out by hand from the Chinese layout rules, not imported from pdf_text.
MAY_NOT_START = set("，。、；：！？）］｝〕〉》」』】”’％")
MAY_NOT_END = set("（［｛〔〈《「『【“‘")


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    from pressctl.core.fonts import resolve
    from pressctl.render.pdf.fonts import register
    from pressctl.render.pdf.linebreak import Run, layout

    texts = [
        "宝马（BMW）与华为《合作协议》签署，“鸿蒙”生态【正式】上线「数字钥匙」，"
        "用户『可以』〔解锁〕〈车辆〉｛并｝［启动］。" * 3,
        "据悉，（计划）《报告》“目标”（一）（二）（三）《甲》《乙》《丙》“一”“二”“三”。" * 3,
        "增长17.1％，占比约6.4％；销量超过300万辆！是吗？是的：好，“好”。" * 3,
    ]
    font = register(resolve("zh"), "".join(texts)).regular
    checked = ends = starts = 0
    for text in texts:
        for width in range(40, 400, 3):
            lines = ["".join(u.text for u in line.units)
                     for line in layout([Run(text, font)], 10, width, justify=True)]
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
            for before, after in zip(lines, lines[1:], strict=False):
                assert before[-1] not in MAY_NOT_END, (width, before, after)
                assert after[0] not in MAY_NOT_START, (width, before, after)
                ends += before[-1] in "，。、；！？）》”」"
                starts += after[0] in "（《“「"
                checked += 1
    assert checked > 500
    assert ends > 50 and starts > 50  # the rules were exercised, not avoided by luck


# QA -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("english", "chinese"), [
    ("more than 3 million vehicles", "300多万辆"),
    ("over 1,000 suppliers", "1,000余家供应商"),
    ("over 1,000 suppliers", "1000余家供应商"),
    ("over 30 million users", "3000多万用户"),
])
def test_numbers_check_reads_approximate_chinese_figures(english: str, chinese: str) -> None:
    from pressctl.qa.base import Pair
    from pressctl.qa.numbers import check

    assert [f.message for f in check(Pair(english, chinese))] == []


@pytest.mark.parametrize(("english", "chinese"), [
    ("more than 3 million vehicles", "400多万辆"),
    ("over 1,000 suppliers", "2,000余家供应商"),
])
def test_numbers_check_catches_wrong_approximate_figures(english: str, chinese: str) -> None:
    from pressctl.qa.base import Pair
    from pressctl.qa.numbers import check

    assert [f.check for f in check(Pair(english, chinese))] == ["numbers"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_check_set_to_off_is_not_reported_by_qa_nor_the_build_gate(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    _edit(root / ZH_PO, "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。")
    _edit(root / ZH_PO, 'msgstr "宝马中国"', 'msgstr ""')  # untranslated (the kit label)
    result = run("qa", cwd=root)
    assert result.returncode == 1
    assert ": error: numbers: " in result.stdout and ": error: untranslated: " in result.stdout
    _edit(root / "pyproject.toml", "[tool.pressctl.qa]\n",
          '[tool.pressctl.qa]\nnumbers = "off"\nuntranslated = "off"\n')
    result = run("qa", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "numbers" not in result.stdout and "untranslated" not in result.stdout
    result = run("qa", "--json", cwd=root)
    assert result.returncode == 0 and "numbers" not in result.stdout


# byte-order marks ---------------------------------------------------------------------------


def test_a_byte_order_mark_on_the_seed_and_catalogs_changes_nothing(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a BOM: the seed, the release catalog, the kit wording
    catalog and the glossary read the same, and the kits come out byte for byte the same."""
    plain = copy_project(tmp_path / "plain")
    marked = copy_project(tmp_path / "marked")
    for name in (SEED, ZH_PO, KIT_PO, Path("locales/glossary.csv")):
        (marked / name).write_bytes(b"\xef\xbb\xbf" + (marked / name).read_bytes())
    for root in (plain, marked):
        result = run("build", cwd=root)
        assert result.returncode == 0, result.stderr
    for name in ("en.pdf", "zh.pdf", "zh.docx", "bilingual.pdf"):
        a = (plain / "dist" / SLUG / f"{SLUG}.{name}").read_bytes()
        b = (marked / "dist" / SLUG / f"{SLUG}.{name}").read_bytes()
        assert a == b, name
    assert "\ufeff" not in "".join(pdf_pages(marked / "dist" / SLUG / f"{SLUG}.zh.pdf"))
    result = run("catalog", "stats", cwd=marked)
    assert result.returncode == 0, result.stderr
    assert "\ufeff" not in result.stdout
    result = run("qa", cwd=marked)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_byte_order_mark_on_the_seed_keeps_the_title(tmp_path: Path) -> None:
    seed = tmp_path / "release.md"
    seed.write_bytes(b"\xef\xbb\xbf" + (ROOT / SEED).read_bytes())
    from pressctl.source.read import read

    release = read(seed)
    assert release.title == "BMW to Deeply Integrate with the Harmony Ecosystem in China"
    assert release.date.isoformat() == "2025-03-17"


# the Argos target prefix ---------------------------------------------------------------------

SPY = '''\
"""Test helper: record what pressctl passes to CTranslate2."""
import json
import os

import ctranslate2

_Real = ctranslate2.Translator


class Translator:
    def __init__(self, *args, **kwargs):
        self._real = _Real(*args, **kwargs)

    def translate_batch(self, tokens, *args, **kwargs):
        with open(os.environ["PRESSCTL_TEST_SPY"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"target_prefix": kwargs.get("target_prefix"),
                                 "n": len(tokens)}) + "\\n")
        return self._real.translate_batch(tokens, *args, **kwargs)


ctranslate2.Translator = Translator
'''


@pytest.mark.slow
def test_the_argos_target_prefix_reaches_the_model(tmp_path: Path) -> None:
    """Multilingual Argos models choose the output language from a prefix token: it must
    be given to CTranslate2 for every sentence, and kept out of the output."""
    import os

    from tests.argos_model import build_package, offline_env

    package = build_package(tmp_path, "en", "zh", version="2.0", target_prefix="__zh__")
    env = offline_env(tmp_path, tmp_path / "packages")
    assert run("models", "install", str(package), env=env).returncode == 0
    spy = tmp_path / "spy"
    spy.mkdir()
    (spy / "spy_ct2.py").write_text(SPY, encoding="utf-8")
    site = Path(env["PYTHONPATH"].split(os.pathsep)[0]) / "sitecustomize.py"
    site.write_text(site.read_text(encoding="utf-8") + "\nimport spy_ct2  # noqa\n", "utf-8")
    env["PYTHONPATH"] = f"{env['PYTHONPATH']}{os.pathsep}{spy}"
    env["PRESSCTL_TEST_SPY"] = str(tmp_path / "calls.jsonl")
    result = run("-q", "translate", "--to", "zh", cwd=copy_project(tmp_path / "project"),
                 stdin="BMW will open a new plant.\nHuawei phones unlock the car.\n", env=env)
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    assert calls, "the model was never called"
    import json

    for call in map(json.loads, calls):
        assert call["target_prefix"] == [["__zh__"]] * call["n"], call
    assert "__zh__" not in result.stdout


# pull-quotes --------------------------------------------------------------------------------

#: The pull-quote: the words inside the quotation, a trailing comma made a full stop.
PULL_QUOTES = {
    "en": "“The year 2025 will be a significant milestone for the BMW Group, laying a solid "
          "foundation for sustained success over the next decade.” — Oliver Zipse, Chairman "
          "of the BMW Group",
    "zh": "“2025年将是宝马集团的重要里程碑，将为未来十年的持续成功奠定坚实基础。”"
          "——齐普策，宝马集团董事长",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pull_quote_is_the_quotation_with_a_full_stop_and_its_speaker(lang: str,
                                                                      kits: Path) -> None:
    text = squeeze("".join(pdf_pages(kits / f"{SLUG}.{lang}.pdf")))
    assert squeeze(PULL_QUOTES[lang]) in text


@pytest.mark.parametrize(("paragraph", "quotation"), [
    ("“Hello, world,” she said.", "Hello, world."),
    ("“It works.” she said.", "It works."),
    ("「我们很高兴，」他说。", "我们很高兴。"),
    ("“它叫HiCar好，”他说。", "它叫HiCar好。"),
    ("“Drive HiCar 好,” he said.", "Drive HiCar 好。"),
    ("“Call it 宝马x,” he said.", "Call it 宝马x."),
    ('"Plain quotes," he said.', "Plain quotes."),
    ("‘Single,’ said he.", "Single."),
    ("他说：“好、”", "好。"),
    ("No quotation at all.", "No quotation at all."),
    ("“” he said, quoting nothing.", ""),
    ("An opening “ without its close.", "An opening “ without its close."),
])
def test_quoted_text_takes_the_words_inside_the_first_quotation(paragraph: str,
                                                                 quotation: str) -> None:
    from pressctl.kit import quoted_text
    from pressctl.source.release import Block, BlockKind

    assert quoted_text(Block(BlockKind.QUOTE, paragraph)) == quotation


# QA details the mutation check found unguarded ------------------------------------------------


@pytest.mark.parametrize(("english", "chinese"), [
    ("in the fourth quarter", "第四季度"),
    ("Q4 sales", "第四季度销量"),
    ("in H2 2025", "2025年下半年"),
    ("in H1 2025", "2025年上半年"),
    ("in the first quarter", "第一季度"),
    ("Q2 sales", "第二季度销量"),
    ("on the 17th of March", "3月17日"),
    ("Employees march to the plant.", "员工们走向工厂。"),  # "march" the verb: no date
])
def test_numbers_check_reads_periods_and_ignores_the_verb_march(english: str,
                                                              chinese: str) -> None:
    from pressctl.qa.base import Pair
    from pressctl.qa.numbers import check

    assert [f.message for f in check(Pair(english, chinese))] == []


@pytest.mark.parametrize(("english", "chinese"), [
    ("in the fourth quarter", "第三季度"),
    ("in H2 2025", "2025年上半年"),
    ("On March 17, BMW", "3月18日，宝马"),
    ("On March 17, BMW", "4月17日，宝马"),
    ("in March", "4月"),
])
def test_dates_check_catches_a_changed_period_or_date(english: str, chinese: str) -> None:
    from pressctl.qa.base import Pair
    from pressctl.qa.dates import check

    assert [f.check for f in check(Pair(english, chinese))] == ["dates"]


@pytest.mark.parametrize("source", ["The Smart Cockpit is new.", "SMART COCKPIT",
                                    "Two smart cockpits are new."])
def test_a_lower_case_glossary_term_matches_any_case_and_plurals(source: str) -> None:
    from pressctl.qa import glossary_check
    from pressctl.qa.base import Pair, Term

    terms = (Term("smart cockpit", "智能座舱"),)
    [finding] = glossary_check.check(Pair(source, "新的座舱。", terms=terms))
    assert finding.check == "glossary" and "智能座舱" in finding.message
    assert glossary_check.check(Pair(source, "新的智能座舱。", terms=terms)) == []


def test_a_capitalised_glossary_term_is_matched_as_written() -> None:
    from pressctl.qa import glossary_check
    from pressctl.qa.base import Pair, Term

    terms = (Term("Mate", "Mate"),)
    assert glossary_check.check(Pair("Good mates.", "好朋友。", terms=terms)) == []
    assert [f.check for f in glossary_check.check(Pair("The Mate phone.", "手机。",
                                                       terms=terms))] == ["glossary"]


def test_merge_keeps_the_templates_flags_and_the_translators() -> None:
    import polib

    from pressctl.catalogs import catalog

    old, pot = polib.POFile(), polib.POFile()
    old.append(polib.POEntry(msgid="Page {page} of {pages}", msgstr="第 {page} 页，共 {pages} 页",
                             flags=["reviewed-by-hand"]))
    pot.append(polib.POEntry(msgid="Page {page} of {pages}", msgstr="",
                             flags=["python-brace-format"]))
    [entry] = [e for e in catalog.merge(old, pot, lang="zh") if not e.obsolete]
    assert entry.msgstr == "第 {page} 页，共 {pages} 页"
    assert entry.flags == ["python-brace-format", "reviewed-by-hand"]
