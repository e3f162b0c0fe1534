"""Traditional Chinese editions for Taiwan and Hong Kong (issue 15).

The Taiwan and Hong Kong catalogs of the BMW release are drafted with no
model from the reviewed Simplified catalog (OpenCC s2twp / s2hk), reviewed
(fuzzy cleared with polib, as a person would in a PO editor) and built; the
kits must print the Traditional text.  Expected strings are written by hand.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

from pressctl.core import lang
from pressctl.core.config import load
from pressctl.core.hant import convert, simplified
from tests.argos_model import offline_env
from tests.conftest import need

SLUG = "bmw-huawei-harmonyos"
TRADITIONAL = '["en", "zh", "zh-Hant-TW", "zh-Hant-HK"]'


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressctl", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def with_languages(project: Path, languages: str = TRADITIONAL, extra: str = "") -> Path:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert 'languages = ["en", "zh"]' in text
    pyproject.write_text(text.replace('languages = ["en", "zh"]',
                                      f"languages = {languages}\n{extra}"), encoding="utf-8")
    return project


def review(po_path: Path) -> None:
    """What a reviewer does in a PO editor after checking each draft: clear fuzzy."""
    po = polib.pofile(str(po_path))
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


# ---------------------------------------------------------------- one mapping


def test_one_mapping_spells_each_language_for_every_tool() -> None:
    tw, hk = lang.language("zh-Hant-TW"), lang.language("zh-Hant-HK")
    assert (tw.folder, tw.locale, tw.doc_tag, tw.argos, tw.font, tw.opencc) == \
        ("zh_Hant_TW", "zh_Hant_TW", "zh-TW", "zt", "Noto Sans CJK TC", "s2twp")
    assert (hk.folder, hk.locale, hk.doc_tag, hk.argos, hk.font, hk.opencc) == \
        ("zh_Hant_HK", "zh_Hant_HK", "zh-HK", "zt", "Noto Sans CJK HK", "s2hk")
    zh = lang.language("zh")
    assert (zh.folder, zh.locale, zh.doc_tag, zh.argos, zh.opencc) == \
        ("zh", "zh_Hans_CN", "zh-CN", "zh", "")
    # the folder, Word's tag and the CLDR locale all lead back to the project tag
    assert lang.canonical("zh_Hant_TW") == lang.canonical("zh-TW") == "zh-Hant-TW"
    assert lang.canonical("zh-HK") == "zh-Hant-HK"
    assert lang.canonical("zh-CN") == lang.canonical("zh_Hans") == "zh"
    # a language without a table is spelt as written, as before
    assert lang.language("de").folder == "de" and lang.language("pt-BR").folder == "pt_BR"
    assert lang.is_unspaced("zh-Hant-HK") and lang.counts_in_myriads("zh-Hant-TW")


def test_config_puts_traditional_catalogs_in_babel_folders(project: Path) -> None:
    config = load(with_languages(project))
    assert config.catalog_path("zh-Hant-TW", "x") == \
        project / "locales" / "zh_Hant_TW" / "LC_MESSAGES" / "x.po"
    assert config.catalog_path("zh", "x") == project / "locales" / "zh" / "LC_MESSAGES" / "x.po"
    assert (config.locale("zh-Hant-HK"), config.tag("zh-Hant-HK")) == ("zh_Hant_HK", "zh-HK")
    assert config.targets("en") == ("zh", "zh-Hant-TW", "zh-Hant-HK")


# ---------------------------------------------------------------- OpenCC


def test_conversion_is_regional_and_turns_quotes() -> None:
    text = "宝马与华为发布“数字钥匙”‘软件’"
    assert convert(text, "zh-Hant-TW") == "寶馬與華為釋出「數字鑰匙」『軟體』"
    assert convert(text, "zh-Hant-HK") == "寶馬與華為發佈「數字鑰匙」『軟件』"
    assert convert("宝马", "zh") == "宝马"


def test_simplified_characters_are_found_and_traditional_ones_pass() -> None:
    assert simplified("寶馬與華為在鴻蒙上", "zh-Hant-TW") == []
    assert simplified("寶马與华為", "zh-Hant-TW") == [(1, "马", "馬"), (3, "华", "華")]
    assert [c for _, c, _ in simplified("宝", "zh-Hant-HK")] == ["宝"]
    # shared characters, phrase context and regional variants are not errors
    assert simplified("皇后，干擾，台灣，1423.8億歐元「」", "zh-Hant-TW") == []
    assert simplified("寶馬用户", "zh-Hant-HK") == []  # Hong Kong's form (OpenCC s2hk)
    assert [c for _, c, _ in simplified("寶馬用户", "zh-Hant-TW")] == ["户"]


# ---------------------------------------------------------------- the whole edition


@pytest.fixture
def drafted(project: Path, tmp_path: Path) -> Path:
    """Both Traditional catalogs drafted with no model installed, then reviewed; the
    bilingual edition pairs English with Taiwan's Chinese."""
    with_languages(project, extra='bilingual = ["en", "zh-Hant-TW"]')
    env = offline_env(tmp_path, tmp_path / "no-models")
    for tag, folder, table in (("zh-Hant-TW", "zh_Hant_TW", "s2twp"),
                               ("zh-Hant-HK", "zh_Hant_HK", "s2hk")):
        done = run("translate", f"seeds/{SLUG}.md", "--to", tag, cwd=project, env=env)
        assert done.returncode == 0, done.stderr
        assert "untranslated" not in done.stderr.split("0 untranslated")[0]
        assert re.search(r"\d+ converted from Simplified by OpenCC", done.stderr), done.stderr
        po = polib.pofile(str(project / "locales" / folder / "LC_MESSAGES" / f"{SLUG}.po"))
        live = [e for e in po if not e.obsolete]
        assert all(e.msgstr for e in live), [e.msgid for e in live if not e.msgstr]
        fuzzy = [e for e in live if "fuzzy" in e.flags]
        assert fuzzy and all(f"OpenCC {table}" in e.tcomment for e in fuzzy)
        assert po.metadata["Language"] == tag.replace("-Hant", "").replace("-", "_")
        review(Path(po.fpath))
    return project


def test_traditional_drafts_come_from_the_reviewed_simplified_catalog(drafted: Path) -> None:
    tw = {e.msgid: e.msgstr for e in polib.pofile(
        str(drafted / "locales" / "zh_Hant_TW" / "LC_MESSAGES" / f"{SLUG}.po"))}
    assert tw["Major Announcement! BMW + Huawei!"] == "重磅！寶馬攜手華為！"
    assert tw["BMW to Deeply Integrate with the Harmony Ecosystem in China"] == \
        "寶馬將在中國深度融入鴻蒙生態"
    assert all(not simplified(text, "zh-Hant-TW") for text in tw.values())
    assert not [t for t in tw.values() if "“" in t or "”" in t]


def test_traditional_kits_are_built(drafted: Path) -> None:
    need("pdftotext")
    need("pdffonts")
    built = run("build", cwd=drafted)
    assert built.returncode == 0, built.stderr
    out = drafted / "dist" / SLUG
    for tag, face, doc_tag, said in (("zh-Hant-TW", "NotoSansCJKtc", "zh-TW", "釋出"),
                                     ("zh-Hant-HK", "NotoSansCJKhk", "zh-HK", "發佈")):
        pdf = out / f"{SLUG}.{tag}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = re.sub(r"\s+", "", text)
        for word in ("寶馬", "華為", "鴻蒙", "1423.8億歐元", "即時發布", "新聞稿",
                     f"寶馬{said}2024年財報"):
            assert word in flat, (tag, word)
        assert "「在中國，近四分之一的MyBMWApp" in flat
        # the key-figures table after its heading: CLDR would write 142.38B for Hong Kong
        assert "1423.8億歐元" in re.sub(r"\s+", "", text.split("關鍵數據", 1)[1])
        assert "“" not in text and "”" not in text
        assert simplified(flat, tag) == []
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert face in fonts and "NotoSansCJKsc" not in fonts
        with zipfile.ZipFile(out / f"{SLUG}.{tag}.docx") as docx:
            document = docx.read("word/document.xml").decode()
            styles = docx.read("word/styles.xml").decode()
        assert f'w:eastAsia="{doc_tag}"' in document and f'w:eastAsia="{doc_tag}"' in styles
        assert 'w:eastAsia="zh-CN"' not in document
        family = "Noto Sans CJK TC" if tag.endswith("TW") else "Noto Sans CJK HK"
        assert f'w:eastAsia="{family}"' in styles
        assert "寶馬" in document and "宝马" not in document


def test_the_bilingual_edition_pairs_the_configured_languages(drafted: Path) -> None:
    need("pdftotext")
    built = run("build", "--format", "pdf", cwd=drafted)
    assert built.returncode == 0, built.stderr
    pdf = drafted / "dist" / SLUG / f"{SLUG}.bilingual.pdf"
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert "寶馬將在中國深度融入鴻蒙生態" in text and "BMWtoDeeplyIntegrate" in text
    assert "宝马" not in text and simplified(text, "zh-Hant-TW") == []


def test_bilingual_names_configured_languages(project: Path) -> None:
    from pressctl.core.errors import PressctlError

    with_languages(project, '["en", "zh"]', 'bilingual = ["en", "zh-Hant-HK"]')
    with pytest.raises(PressctlError, match="'zh-Hant-HK', which is not one of the configured"):
        load(project)


def test_trusted_opencc_enters_drafts_as_reviewed(project: Path, tmp_path: Path) -> None:
    with_languages(project, '["en", "zh", "zh-Hant-TW"]', "trust_opencc = true")
    env = offline_env(tmp_path, tmp_path / "no-models")
    done = run("translate", f"seeds/{SLUG}.md", "--to", "zh-Hant-TW", cwd=project, env=env)
    assert done.returncode == 0, done.stderr
    po = polib.pofile(str(project / "locales" / "zh_Hant_TW" / "LC_MESSAGES" / f"{SLUG}.po"))
    assert not [e for e in po if "fuzzy" in e.flags]
    assert any("trusted: converted from the reviewed Simplified translation by OpenCC s2twp"
               in e.tcomment for e in po)


# ---------------------------------------------------------------- QA


def _findings(source: str, target: str, tag: str = "zh-Hant-TW") -> list[tuple[str, str]]:
    from pressctl.qa import ENTRY_CHECKS
    from pressctl.qa.base import Pair, Term

    pair = Pair(source, target, "en", tag, "en_GB", lang.language(tag).locale,
                terms=(Term("BMW China", "寶馬中國"),))
    return [(name, f.text) for name, check in ENTRY_CHECKS.items() for f in check(pair)]


REVENUE = "Total revenue reached €142.38 billion."


def test_qa_passes_a_correct_traditional_sentence() -> None:
    assert _findings(REVENUE, "全年總營收達1423.8億歐元。") == []
    assert _findings(REVENUE, "全年總營收達1423.8億歐元。", "zh-Hant-HK") == []
    assert _findings('BMW China said "yes".', "寶馬中國表示「是」。") == []


def test_qa_catches_a_simplified_character_in_a_traditional_catalog() -> None:
    assert _findings(REVENUE, "全年总營收達1423.8億歐元。") == [("script", "总")]
    assert ("script", "宝马") in _findings("BMW China said it.", "宝马中國表示。")
    # the same text is right in a Simplified catalog
    assert not [f for f in _findings(REVENUE, "全年总营收达1423.8亿欧元。", "zh")
                if f[0] == "script"]


def test_qa_catches_a_wrong_yi_figure_and_currency() -> None:
    assert [n for n, _ in _findings(REVENUE, "全年總營收達142.38億歐元。")] == ["numbers"]
    assert [n for n, _ in _findings(REVENUE, "全年總營收達1423.8億美元。")] == ["currency"]


def test_qa_wants_corner_quotes_in_taiwan_and_hong_kong() -> None:
    found = _findings('BMW China said "yes".', "寶馬中國表示“是”。")
    assert found == [("punctuation", "寶馬中國表示“是”。"), ("punctuation", "中國表示“是”。")]
    assert [n for n, _ in _findings('BMW China said "yes".', "寶馬中國表示“是”。",
                                    "zh-Hant-HK")] == ["punctuation", "punctuation"]
    assert _findings('BMW China said "yes".', "宝马中国表示“是”。", "zh") == [
        ("glossary", "BMW China")]


def test_hong_kong_kits_count_in_myriads_as_the_press_does() -> None:
    from pressctl.kit import format_amount

    # CLDR's own compact form for zh_Hant_HK is "142.38B"
    assert format_amount(142_380_000_000, "zh_Hant_HK") == "1423.8億"
    assert format_amount(147_400, "zh_Hant_HK") == "14.74萬"
    assert format_amount(142_380_000_000, "zh_Hant_TW") == "1423.8億"
    assert format_amount(142_380_000_000, "en_GB") == "142.38 billion"


# ---------------------------------------------------------------- the machine path


@pytest.mark.parametrize(("to_code", "model"), [
    ("zt", "Argos Translate en→zt 1.0 (translate-en_zt-1_0) + regional quotes"),
    # only a Simplified model: its output converted
    ("zh", "Argos Translate en→zh 1.0 (translate-en_zh-1_0) + OpenCC s2twp"),
])
def test_new_sentences_go_to_an_installed_model(project: Path, tmp_path: Path, to_code: str,
                                                model: str) -> None:
    from tests.argos_model import build_package

    with_languages(project, '["en", "zh", "zh-Hant-TW"]')
    package = build_package(tmp_path, "en", to_code)
    env = offline_env(tmp_path, tmp_path / "packages")
    installed = run("models", "install", str(package), cwd=project, env=env)
    assert installed.returncode == 0, installed.stderr
    seed = project / "seeds" / f"{SLUG}.md"
    seed.write_text(seed.read_text("utf-8") + "\nBMW thanks every partner.\n", "utf-8")
    done = run("translate", f"seeds/{SLUG}.md", "--to", "zh-Hant-TW", cwd=project, env=env)
    assert done.returncode == 0, done.stderr
    assert "1 machine-translated (fuzzy: needs review)" in done.stderr
    po = polib.pofile(str(project / "locales" / "zh_Hant_TW" / "LC_MESSAGES" / f"{SLUG}.po"))
    new = po.find("BMW thanks every partner.")
    assert new is not None and new.msgstr and "fuzzy" in new.flags
    assert f"machine translation by {model}; needs review" in " ".join(new.tcomment.split())
    assert simplified(new.msgstr, "zh-Hant-TW") == [] and "“" not in new.msgstr
    # the sentences the Simplified catalog knows were converted, not machine-translated
    lead = po.find("Major Announcement! BMW + Huawei!")
    assert lead is not None and lead.msgstr == "重磅！寶馬攜手華為！" and "OpenCC" in lead.tcomment
    assert not (tmp_path / "network.log").exists()


def test_doctor_reports_the_face_and_the_conversion_per_language(project: Path) -> None:
    from pressctl.project.doctor import diagnose

    need("fc-match")
    found = {(f.area, f.item): f for f in diagnose(load(with_languages(project)))}
    assert found[("fonts", "zh-Hant-TW")].detail.startswith("Noto Sans CJK TC (")
    assert found[("fonts", "zh-Hant-HK")].detail.startswith("Noto Sans CJK HK (")
    assert found[("fonts", "zh")].detail.startswith("Noto Sans CJK SC (")
    assert found[("opencc", "zh-Hant-TW")].detail == "OpenCC s2twp (宝马“软件” → 寶馬「軟體」)"
    assert found[("opencc", "zh-Hant-HK")].detail == "OpenCC s2hk (宝马“软件” → 寶馬「軟件」)"
    assert ("opencc", "zh") not in found
    assert found[("models", "en→zh-Hant-TW")].fix == "pressctl models install en zt"


# ---------------------------------------------------------------- glossary variants

VARIANT_GLOSSARY = """en,zh,zh-Hant-TW,zh-Hant-HK,note
BMW Group,宝马集团,寶馬集團,,Taiwan's press writes 寶馬 here too (OpenCC s2twp says BMW集團)
Huawei,华为,,,Converted: 華為
HarmonyOS,鸿蒙,鴻蒙系統,鴻蒙,One per variant
"""


def test_glossary_gives_a_term_per_variant_else_the_conversion(tmp_path: Path) -> None:
    from pressctl.catalogs import glossary

    path = tmp_path / "glossary.csv"
    path.write_text(VARIANT_GLOSSARY, encoding="utf-8")
    terms = glossary.load(path)
    tw = {t.source: t.target for t in terms.direction("en", "zh-Hant-TW")}
    hk = {t.source: t.target for t in terms.direction("en", "zh-Hant-HK")}
    zh = {t.source: t.target for t in terms.direction("en", "zh")}
    assert tw == {"BMW Group": "寶馬集團", "Huawei": "華為", "HarmonyOS": "鴻蒙系統"}
    assert hk == {"BMW Group": "寶馬集團", "Huawei": "華為", "HarmonyOS": "鴻蒙"}
    assert zh == {"BMW Group": "宝马集团", "Huawei": "华为", "HarmonyOS": "鸿蒙"}
    back = {t.source: t.target for t in terms.direction("zh-Hant-TW", "en")}
    assert back["鴻蒙系統"] == "HarmonyOS" and back["華為"] == "Huawei"
    assert [t.note for t in terms.terms][2] == "One per variant"


def test_qa_enforces_the_variant_term(project: Path) -> None:
    from pressctl.qa import glossary_check
    from pressctl.qa.base import Pair
    from pressctl.qa.terms import load_terms

    (project / "locales" / "glossary.csv").write_text(VARIANT_GLOSSARY, encoding="utf-8")
    config = load(with_languages(project))
    terms = load_terms(config, "zh-Hant-TW")

    def check(target: str) -> list[str]:
        pair = Pair("HarmonyOS comes to the BMW Group.", target, "en", "zh-Hant-TW",
                    "en_GB", "zh_Hant_TW", terms=terms)
        return [f.text for f in glossary_check.check(pair)]

    assert check("鴻蒙系統登陸寶馬集團。") == []
    assert check("鴻蒙登陸寶馬集團。") == ["HarmonyOS"]
    assert check("鴻蒙系統登陸BMW集團。") == ["BMW Group"]


def test_text_translation_converts_the_reviewed_simplified_and_says_so(project: Path) -> None:
    with_languages(project)
    done = subprocess.run([sys.executable, "-m", "pressctl", "translate", "--from", "en",
                           "--to", "zh-Hant-TW", "--memory-only"], cwd=project,
                          input="Major Announcement! BMW + Huawei!\n", capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "重磅！寶馬攜手華為！\n"
    assert "needs review: Major Announcement! BMW + Huawei!" in done.stderr
    assert "1 converted from the reviewed Simplified by OpenCC (needs review)" in done.stderr


def test_a_simplified_release_is_converted_itself(project: Path, tmp_path: Path) -> None:
    from tests.conftest import ROOT

    with_languages(project)
    seed = ROOT / "tests" / "data" / "zh-source" / "bmw-huawei-harmonyos-zh.md"
    (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
    env = offline_env(tmp_path, tmp_path / "no-models")
    done = run("translate", f"seeds/{seed.name}", "--to", "zh-Hant-HK", cwd=project, env=env)
    assert done.returncode == 0, done.stderr
    po = polib.pofile(str(project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" /
                          f"{seed.stem}.po"))
    entry = po.find("3月17日，宝马中国宣布与华为终端达成合作协议。")
    assert entry is not None and entry.msgstr == "3月17日，寶馬中國宣佈與華為終端達成合作協議。"
    assert "fuzzy" in entry.flags
    assert "converted from the Simplified original by OpenCC s2hk; needs review" in \
        " ".join(entry.tcomment.split())
