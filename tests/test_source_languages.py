"""Chinese-source releases: a seed's ``lang`` is its source language (issue 13).

The Chinese release in ``tests/data/zh-source/`` is written from the reviewed
Chinese sentences of the BMW catalog (a heading, body paragraphs, a quote with
its speaker, facts), so its English catalog must come entirely from the
translation memory, read the other way round, and its English kit must print
the original English sentences.  Expected strings are written out by hand.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from docx import Document

from pressctl.catalogs import memory
from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from pressctl.qa import leftover, numbers, punctuation, units
from pressctl.qa.base import Pair, Term
from pressctl.qa.terms import load_terms
from tests.argos_model import build_package, offline_env
from tests.conftest import ROOT, need

SEED = ROOT / "tests" / "data" / "zh-source" / "bmw-huawei-harmonyos-zh.md"
SLUG = SEED.stem
EN_PO = Path("locales") / "en" / "LC_MESSAGES" / f"{SLUG}.po"

#: Reviewed English of the BMW catalog, as the English kit must print it.
LEAD = ("On March 17, BMW China announced that it has reached a cooperation agreement with "
        "Huawei terminals.")
SECOND = ("According to the agreement, BMW will deeply integrate with the Harmony ecosystem in "
          "China, launching digital services that include the BMW Digital Key, HUAWEI HiCar, "
          "and MyBMW App. Additionally, both parties will develop a variety of smart "
          "applications and features based on HarmonyOS NEXT.")
RESULTS = ("Recently, BMW announced its financial report for 2024, which revealed total revenue "
           "of €142.38 billion for the year. The company’s research and development investment "
           "reached a historic high of €9.1 billion, a year-on-year increase of 17.1%, "
           "accounting for approximately 6.4% of the group’s revenue.")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressctl", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


@pytest.fixture
def zh_project(project: Path) -> Path:
    """The repository's project (the English BMW release) plus the Chinese release."""
    shutil.copy(SEED, project / "seeds" / SEED.name)
    return project


def _translated(project: Path, tmp_path: Path) -> dict[str, str]:
    """``catalog update`` then ``translate`` with no model installed; the English catalog."""
    update = run("catalog", "update", cwd=project)
    assert update.returncode == 0, update.stderr
    env = offline_env(tmp_path, tmp_path / "no-models")
    filled = run("translate", f"seeds/{SEED.name}", cwd=project, env=env)
    assert filled.returncode == 0, filled.stderr
    assert "18 from memory, 0 machine-translated" in filled.stderr
    assert not (tmp_path / "network.log").exists()
    po = polib.pofile(str(project / EN_PO))
    assert not [e.msgid for e in po if not e.msgstr or "fuzzy" in e.flags]
    return {e.msgid: e.msgstr for e in po if not e.obsolete}


def test_catalog_update_makes_the_english_catalog_of_a_chinese_release(zh_project: Path) -> None:
    result = run("catalog", "update", cwd=zh_project)
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(zh_project / EN_PO))
    assert po.metadata["Language"] == "en_GB"
    assert po.metadata["X-Source-Language"] == "zh"
    msgids = [e.msgid for e in po]
    assert msgids[:3] == ["宝马将在中国深度融入鸿蒙生态", "重磅！宝马携手华为！", "宝马中国"]
    assert "近日，宝马发布2024年财报，全年总营收达1423.8亿欧元。" in msgids  # split on 。
    assert "公司研发投入达91亿欧元，创历史新高，同比增长17.1%，约占集团营收的6.4%。" in msgids
    assert ("通过深度融入鸿蒙生态，宝马将为鸿蒙用户带来升级的车机应用与智能互联体验，在高频用车"
            "场景中提升智能驾趣。”宝马集团大中华区总裁兼首席执行官高翔表示。") in msgids
    assert "辆" in msgids  # the fact's unit, a word to translate
    # the release is not translated into its own language, and the kit's wording stays English
    assert not (zh_project / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po").exists()
    assert not (zh_project / "locales" / "en" / "LC_MESSAGES" / "pressctl.po").exists()
    english = polib.pofile(str(zh_project / "locales/zh/LC_MESSAGES/bmw-huawei-harmonyos.po"))
    assert english.metadata["X-Source-Language"] == "en"


def test_translate_fills_the_english_catalog_from_memory_without_a_model(
        zh_project: Path, tmp_path: Path) -> None:
    entries = _translated(zh_project, tmp_path)
    assert entries["宝马将在中国深度融入鸿蒙生态"] == \
        "BMW to Deeply Integrate with the Harmony Ecosystem in China"
    assert entries["3月17日，宝马中国宣布与华为终端达成合作协议。"] == LEAD
    assert entries["高翔，宝马集团大中华区总裁兼首席执行官"] == \
        "Gao Xiang, President and CEO of BMW Group Greater China"
    assert entries["2024年业绩与2025年展望"] == "2024 results and 2025 outlook"
    assert entries["总营收"] == "Total revenue"
    assert entries["辆"] == "vehicles"


def _pdf_text(path: Path, *layout: str) -> str:
    return subprocess.run(["pdftotext", *layout, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _squeezed(text: str) -> str:
    """pdftotext's text with line breaks as spaces and no space next to a Chinese character."""
    text = " ".join(text.split())
    return re.sub(r"(?<=[\u4e00-\u9fff]) | (?=[\u4e00-\u9fff])", "", text)


@pytest.mark.slow
def test_chinese_release_passes_qa_and_builds_every_kit_beside_the_english_one(
        zh_project: Path, tmp_path: Path) -> None:
    need("pdftotext")
    _translated(zh_project, tmp_path)
    qa = run("qa", cwd=zh_project)
    assert qa.returncode == 0, qa.stdout + qa.stderr
    built = run("build", cwd=zh_project)  # both releases, one command, no --draft
    assert built.returncode == 0, built.stderr
    for slug in (SLUG, "bmw-huawei-harmonyos"):
        names = sorted(p.name for p in (zh_project / "dist" / slug).iterdir())
        assert names == sorted([f"{slug}.{k}.{f}" for k in ("en", "zh", "bilingual")
                                for f in ("pdf", "docx")] + ["manifest.json"])
    again = run("build", cwd=zh_project)  # incremental: the manifest knows the source language
    assert again.returncode == 0, again.stderr
    assert f"{SLUG}: 0 file(s) built, 6 up to date" in again.stderr
    assert "bmw-huawei-harmonyos: 0 file(s) built, 6 up to date" in again.stderr
    folder = zh_project / "dist" / SLUG
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert (manifest["source_lang"], manifest["draft"]) == ("zh", False)

    english = _squeezed(_pdf_text(folder / f"{SLUG}.en.pdf"))
    for text in (LEAD, SECOND, RESULTS, "For immediate release", "17 March 2025",
                 "— Gao Xiang, President and CEO of BMW Group Greater China",
                 "Key figures", "Total revenue €142.38 billion 2024",
                 "Year-on-year increase in R&D investment 17.1% 2024",
                 "over 3 million vehicles 2025", "Page 1 of 2"):
        assert text in english, text
    assert not re.search(r"[\u4e00-\u9fff]", english)  # not one Chinese character left

    chinese = _squeezed(_pdf_text(folder / f"{SLUG}.zh.pdf"))
    for text in ("即时发布", "2025年3月17日", "关键数据", "总营收1423.8亿欧元2024年",
                 "超过300万辆", "第1页，共1页"):
        assert text in chinese, text

    # the bilingual edition puts the source language, Chinese, in the first column
    heads = [line for line in _pdf_text(folder / f"{SLUG}.bilingual.pdf", "-layout")
             .splitlines() if "English" in line]
    assert heads and heads[0].split() == ["中文", "English"]
    table = Document(str(folder / f"{SLUG}.bilingual.docx")).tables[0]
    pairs = [(row.cells[0].text, row.cells[-1].text) for row in table.rows]
    assert ("3月17日，宝马中国宣布与华为终端达成合作协议。", LEAD) in pairs

    paragraphs = [p.text for p in Document(str(folder / f"{SLUG}.en.docx")).paragraphs]
    assert LEAD in paragraphs and SECOND in paragraphs  # English joined with spaces
    assert "For immediate release" in paragraphs


def test_a_chinese_source_project_builds_english_and_chinese_releases(
        zh_project: Path, tmp_path: Path) -> None:
    """source_lang = "zh" only changes the default: kit wording stays English for English kits."""
    pyproject = zh_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace(
        'source_lang = "en"', 'source_lang = "zh"'), "utf-8")
    csv = zh_project / "locales" / "glossary.csv"  # "source" would now mean Chinese:
    csv.write_text(csv.read_text("utf-8").replace("source,target,note", "en,zh,note", 1),
                   "utf-8")  # the header names the columns' languages instead
    _translated(zh_project, tmp_path)
    assert not (zh_project / "locales" / "en" / "LC_MESSAGES" / "pressctl.po").exists()
    tm = memory.load(zh_project / "locales", "zh")  # the English release's pairs still count
    assert tm.lookup("BMW China", "en", "zh").target == "宝马中国"
    assert tm.lookup("宝马中国", "zh", "en").target == "BMW China"
    built = run("build", "--format", "docx", cwd=zh_project)
    assert built.returncode == 0, built.stderr
    assert "kit wording" not in built.stderr
    english = Document(str(zh_project / "dist" / SLUG / f"{SLUG}.en.docx"))
    assert LEAD in [p.text for p in english.paragraphs]


def test_seed_without_lang_is_in_the_projects_source_lang(zh_project: Path) -> None:
    seed = zh_project / "seeds" / SEED.name
    seed.write_text(seed.read_text("utf-8").replace("lang: zh\n", ""), "utf-8")
    pyproject = zh_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace(
        'source_lang = "en"', 'source_lang = "zh"'), "utf-8")
    english_seed = zh_project / "seeds" / "bmw-huawei-harmonyos.md"
    assert "lang: en\n" in english_seed.read_text("utf-8")
    result = run("catalog", "update", cwd=zh_project)
    assert result.returncode == 0, result.stderr
    assert polib.pofile(str(zh_project / EN_PO)).metadata["X-Source-Language"] == "zh"


def test_a_release_in_an_unconfigured_language_is_refused(zh_project: Path) -> None:
    seed = zh_project / "seeds" / SEED.name
    seed.write_text(seed.read_text("utf-8").replace("lang: zh\n", "lang: fr\n"), "utf-8")
    for command in (("catalog", "update"), ("build",), ("qa",)):
        result = run(*command, cwd=zh_project)
        assert result.returncode == 2, result.stderr
        assert (f"seeds/{SEED.name}: the release is written in 'fr', which is not one of the "
                "configured languages (en, zh)") in result.stderr
        assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ QA, zh → en


def _pair(source: str, target: str, terms: tuple[Term, ...] = ()) -> Pair:
    return Pair(source=source, target=target, source_lang="zh", target_lang="en",
                source_locale="zh_Hans_CN", target_locale="en_GB", terms=terms)


@pytest.mark.parametrize("target", [
    "total revenue of €142.38 billion.",
    "total revenue of 142.38 billion euros.",
    "total revenue of EUR 142,380 million.",
])
def test_figures_across_units_agree_zh_to_en(target: str) -> None:
    pair = _pair("全年总营收达1423.8亿欧元。", target)
    assert numbers.check(pair) == [] and units.check(pair) == []


def test_counts_and_percentages_agree_zh_to_en() -> None:
    vehicles = (Term("辆", "vehicles"),)
    assert numbers.check(_pair("超过300万辆。", "over 3 million vehicles.", vehicles)) == []
    assert units.check(_pair("超过300万辆。", "over 3 million vehicles.", vehicles)) == []
    for target in ("an increase of 17.1 per cent.", "an increase of 17.1%."):
        assert numbers.check(_pair("同比增长17.1%。", target)) == []
        assert units.check(_pair("同比增长17.1%。", target)) == []


def test_tenfold_error_is_caught_zh_to_en() -> None:
    found = numbers.check(_pair("全年总营收达1423.8亿欧元。", "total revenue of €1,423.8 billion."))
    assert [f.message for f in found] == [
        "number changed: 1423.8亿 (= 142,380,000,000) in the source, 1,423.8 billion "
        "(= 1,423,800,000,000) in the translation"]
    found = numbers.check(_pair("超过300万辆。", "over 30 million vehicles."))
    assert [f.text for f in found] == ["30 million"]


def test_glossary_reversed_for_a_chinese_release(config: object) -> None:
    cfg = load(ROOT)
    terms = load_terms(cfg, "en", source_lang="zh")
    wanted = {t.source: t.target for t in terms}
    assert wanted["华为"] == "Huawei"
    assert wanted["鸿蒙"] == "Harmony OS"
    assert wanted["宝马集团大中华区"] == "BMW Group Greater China"
    assert load_terms(cfg, "zh")[0] == Term("BMW Group Greater China", "宝马集团大中华区")


def test_english_punctuation_and_leftover_chinese() -> None:
    found = punctuation.width(_pair("宝马宣布，合作。", "BMW announced，a partnership."))
    assert [f.message for f in found] == ["full-width “，” in en text"]
    found = punctuation.width(_pair("《智能座舱》白皮书", "the 《Smart Cockpit》 white paper"))
    assert [f.message for f in found] == ["full-width “《” in en text",
                                          "full-width “》” in en text"]
    found = punctuation.final(_pair("宝马宣布合作。", "BMW announced a partnership"))
    assert [f.message for f in found] == ["the source ends with a full stop; the translation "
                                          "does not"]
    found = leftover.check(_pair("宝马将融入鸿蒙生态。", "BMW will join the 鸿蒙 ecosystem."))
    assert [f.message for f in found] == ["Chinese text “鸿蒙” left in the en translation"]
    assert leftover.check(_pair("宝马将融入鸿蒙生态。", "BMW will join the Harmony ecosystem.")) \
        == []


def test_qa_catches_mistakes_in_the_english_of_a_chinese_release(
        zh_project: Path, tmp_path: Path) -> None:
    _translated(zh_project, tmp_path)
    path = zh_project / EN_PO
    po = polib.pofile(str(path))
    edits = {
        "近日，宝马发布2024年财报，全年总营收达1423.8亿欧元。":
            ("€142.38 billion", "€1,423.8 billion"),
        "3月17日，宝马中国宣布与华为终端达成合作协议。":
            ("with Huawei terminals", "with its partner"),
        "此外，双方还将基于HarmonyOS NEXT开发多种智能应用与功能。":
            ("Additionally,", "Additionally，"),
    }
    for entry in po:
        if entry.msgid in edits:
            old, new = edits[entry.msgid]
            entry.msgstr = entry.msgstr.replace(old, new)
    po.save(str(path))
    result = run("qa", "--json", cwd=zh_project)
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    found = {(p["check"], p["severity"], p["text"]) for p in problems}
    assert ("numbers", "error", "1,423.8 billion") in found
    assert ("glossary", "error", "华为终端") in found
    assert ("punctuation", "error", "onally， both") in found
    assert {p["file"] for p in problems} == {str(EN_PO)}
    built = run("build", cwd=zh_project)
    assert built.returncode == 1 and "QA found" in built.stderr


# ------------------------------------------------------------------ new, translate zh → en


def test_new_scaffolds_a_chinese_release(project: Path) -> None:
    result = run("new", "launch", "--lang", "zh", "--date", "2025-05-06", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "seeds" / "launch.md").read_text("utf-8")
    assert "lang: zh\n" in text and 'organisation: "宝马中国"' in text
    assert "## 小标题" in text and "导语段落" in text
    po = polib.pofile(str(project / "locales" / "en" / "LC_MESSAGES" / "launch.po"))
    assert po.metadata["X-Source-Language"] == "zh"
    assert {e.msgid: e.msgstr for e in po if e.msgstr and "fuzzy" not in e.flags} == {
        "宝马中国": "BMW China"}  # entered as reviewed: the memory knows it
    assert not (project / "locales" / "zh" / "LC_MESSAGES" / "launch.po").exists()
    assert "locales/en/LC_MESSAGES/launch.po" in result.stderr
    updated = run("catalog", "update", cwd=project)
    assert updated.returncode == 0, updated.stderr


@pytest.mark.slow
def test_new_chinese_sentences_go_to_the_zh_en_model_as_fuzzy(zh_project: Path,
                                                              tmp_path: Path) -> None:
    package = build_package(tmp_path, "zh", "en")
    env = offline_env(tmp_path, tmp_path / "packages")
    installed = run("models", "install", str(package), cwd=zh_project, env=env)
    assert installed.returncode == 0, installed.stderr
    seed = zh_project / "seeds" / SEED.name
    seed.write_text(seed.read_text("utf-8") + "\n宝马感谢所有合作伙伴。\n", "utf-8")
    result = run("translate", f"seeds/{SEED.name}", cwd=zh_project, env=env)
    assert result.returncode == 0, result.stderr
    assert "18 from memory, 1 machine-translated (fuzzy: needs review)" in result.stderr
    po = polib.pofile(str(zh_project / EN_PO))
    entry = po.find("宝马感谢所有合作伙伴。")
    assert entry is not None and entry.msgstr and "fuzzy" in entry.flags
    assert "Argos Translate zh→en 1.0" in entry.tcomment
    assert po.find("3月17日，宝马中国宣布与华为终端达成合作协议。").msgstr == LEAD
    assert not (tmp_path / "network.log").exists()


def test_fact_values_are_formatted_for_each_kit_language() -> None:
    """Facts are plain numbers; CLDR writes them per kit: 万/亿 in Chinese, in full in English."""
    from pressctl.kit import format_amount

    cases = [(147400, "147,400", "14.74万"), (36500, "36,500", "3.65万"),
             (3000000, "3 million", "300万"), (142380000000, "142.38 billion", "1423.8亿"),
             (4500000000, "4.5 billion", "45亿"), (460, "460", "460")]
    for value, english, chinese in cases:
        assert (format_amount(value, "en_GB"), format_amount(value, "zh_Hans_CN")) == \
            (english, chinese)


def test_glossary_columns_may_name_their_languages() -> None:
    from pressctl.catalogs.glossary import parse

    named = parse("zh,en,note\n华为,Huawei,Company\n", source_lang="en", target_lang="zh")
    assert [(t.source, t.target) for t in named.direction("en", "zh")] == [("Huawei", "华为")]
    assert [(t.source, t.target) for t in named.direction("zh", "en")] == [("华为", "Huawei")]
    with pytest.raises(PressctlError, match="header must be source,target,note"):
        parse("en,en,note\nBMW,BMW\n")


def test_english_catalog_of_a_chinese_release_merges_like_any_catalog(
        zh_project: Path, tmp_path: Path) -> None:
    _translated(zh_project, tmp_path)
    seed = zh_project / "seeds" / SEED.name
    text = seed.read_text("utf-8")
    text = text.replace("全年总营收达1423.8亿欧元。", "全年总营收达1423.8亿欧元，创新高。")
    text = text.replace("其中纯电动车累计交付超过150万辆。", "")
    seed.write_text(text.replace("累计销量超过300万辆，", "累计销量超过300万辆。"), "utf-8")
    result = run("catalog", "update", cwd=zh_project)
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(zh_project / EN_PO))
    changed = po.find("近日，宝马发布2024年财报，全年总营收达1423.8亿欧元，创新高。")
    assert changed is not None and "fuzzy" in changed.flags
    assert changed.previous_msgid == "近日，宝马发布2024年财报，全年总营收达1423.8亿欧元。"
    assert changed.msgstr == ("Recently, BMW announced its financial report for 2024, which "
                              "revealed total revenue of €142.38 billion for the year.")
    # Both sentences were edited, not removed: each is stored once, as a fuzzy entry whose
    # previous msgid (#|) keeps the reviewed source, with no #~ copy beside it (issue 23).
    assert [e.msgid for e in po if e.obsolete] == []
    edited = po.find("据悉，宝马集团计划在2025年实现全球电动车累计销量超过300万辆。")
    assert edited is not None and "fuzzy" in edited.flags and edited.msgstr
    assert edited.previous_msgid == ("据悉，宝马集团计划在2025年实现全球电动车累计销量超过300万辆，"
                                     "其中纯电动车累计交付超过150万辆。")
    stats = json.loads(run("catalog", "stats", "--json", cwd=zh_project).stdout)
    rows = {(r["document"], r["lang"]): r for r in stats}
    assert (SLUG, "zh") not in rows
    assert (rows[(SLUG, "en")]["fuzzy"], rows[(SLUG, "en")]["untranslated"]) == (2, 0)


def test_the_english_catalog_of_a_chinese_release_is_memory_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "deliveries.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Language: en_GB\\n"\n"X-Source-Language: zh\\n"\n\n'
                    'msgid "北京"\nmsgstr "Beijing"\n\n'
                    '#, fuzzy\nmsgid "本土研发与采购"\nmsgstr "Local R&D"\n', "utf-8")
    for source_lang in ("en", "zh"):
        tm = memory.load(tmp_path / "locales", source_lang, root=tmp_path)
        found = tm.lookup("Beijing", "en", "zh")
        assert found is not None and (found.target, found.origin) == (
            "北京", "locales/en/LC_MESSAGES/deliveries.po")
        assert tm.lookup("北京", "zh", "en").target == "Beijing"
        assert tm.lookup("Local R&D", "en", "zh") is None  # fuzzy is never memory
