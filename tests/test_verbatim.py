"""URLs, e-mail addresses, phone numbers and figures: one definition for translation and QA."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from pressctl.catalogs import catalog, glossary
from pressctl.core.config import load
from pressctl.qa import glossary_check, placeholders
from pressctl.qa.base import Pair, Term
from pressctl.translate import protect as translate
from tests.conftest import ROOT
from tests.test_cli import run as cli

SOURCE = "Contact press@example.com or visit https://example.com for details."
CHINESE = "请联系press@example.com或访问https://example.com了解详情。"


# --- point 16: an address inside Chinese text is read without the Chinese around it ----------

def test_qa_reads_an_address_inside_chinese_without_its_neighbours() -> None:
    assert placeholders.check(Pair(SOURCE, CHINESE)) == []
    dropped = placeholders.check(Pair(SOURCE, "请联系press@example.com了解详情。"))
    assert [f.message for f in dropped] == ["URL https://example.com is missing"]


def test_translation_protects_the_address_and_not_the_chinese_after_it() -> None:
    protected = translate.protect(CHINESE.removesuffix("。"), "zh", "en", glossary.Glossary())
    assert [s.source for s in protected.slots] == ["press@example.com", "https://example.com"]
    assert protected.text == "请联系{0}或访问{1}了解详情"


@pytest.mark.parametrize(("text", "urls", "emails"), [
    ("详情请见www.bmw.com.cn。", ["www.bmw.com.cn"], []),
    ("See https://www.bmw.com/en/press?id=7.", ["https://www.bmw.com/en/press?id=7"], []),
    ("(see https://example.com/a_(b))", ["https://example.com/a_(b"], []),
    ("邮箱：press.office@bmw.com.cn，电话", [], ["press.office@bmw.com.cn"]),
    ("Write to press@bmw.com.", [], ["press@bmw.com"]),
])
def test_one_ascii_bounded_pattern(text: str, urls: list[str], emails: list[str]) -> None:
    from pressctl.core import verbatim

    assert [m.group() for m in verbatim.URL.finditer(text)] == urls
    assert [m.group() for m in verbatim.EMAIL.finditer(text)] == emails


def test_qa_and_translation_share_the_patterns() -> None:
    from pressctl.core import verbatim
    from pressctl.qa import text as qa_text

    assert qa_text.URL is verbatim.URL and qa_text.EMAIL is verbatim.EMAIL
    assert translate.URL is verbatim.URL and translate.EMAIL is verbatim.EMAIL


# --- point 16: one glossary matcher -----------------------------------------------------------

def test_qa_finds_glossary_terms_exactly_where_the_engine_does() -> None:
    """QA used to read "BMWs" as the name "BMW" (and demand 宝马); the engine never did."""
    loaded = glossary.load(ROOT / "locales" / "glossary.csv")
    terms = tuple(Term(t.source, t.target) for t in loaded.direction("en", "zh"))
    for source in ("Two BMWs with smart cockpits.", "Smart cockpits for BMW China.",
                   "MyBMW App users and HUAWEI Mate owners", "Harmony OS’s people‐vehicle‐home"):
        engine = [(source[m.start:m.end], m.term.target) for m in loaded.find(source, "en", "zh")]
        qa = [(seen, term.target) for term, seen in glossary_check.occurrences(source, terms)]
        assert sorted(qa) == sorted(engine), source
    assert glossary_check.occurrences("Two BMWs with smart cockpits.", terms) == [
        (Term("smart cockpit", "智能座舱"), "smart cockpits")]
    assert glossary_check.check(Pair("Two BMWs arrived.", "两辆BMW到了。", terms=terms)) == []


# --- point 14: segments with nothing to translate ----------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("press@example.com", True), ("https://www.bmw.com.cn", True), ("+49 89 382-0", True),
    ("(010) 8455 7000", True), ("142.38", True), ("2025", True), ("17.1%", True),
    ("+86 10 8455 7000 / press@example.com", True),
    ("2025年", False), ("Phone: +49 89 382-0", False), ("3 million", False), ("###", False),
    ("—", False), ("HiCar", False), ("{amount} {unit}", False),
])
def test_nothing_to_translate(text: str, expected: bool) -> None:
    from pressctl.core import verbatim

    assert verbatim.nothing_to_translate(text) is expected


SEED = """---
title: Contact details
date: 2025-04-01
lang: en
organisation: BMW China
---

## 2025

press@example.com

+49 89 382-0

https://www.bmw.com.cn

142.38

Write to press@example.com.
"""
LITERAL = ["2025", "press@example.com", "+49 89 382-0", "https://www.bmw.com.cn", "142.38"]


def _entries(project: Path) -> dict[str, polib.POEntry]:
    po = catalog.load(load(project).catalog_path("zh", "contact"))
    return {e.msgid: e for e in po if not e.obsolete}


def test_catalog_update_enters_them_as_their_own_reviewed_translation(project: Path) -> None:
    (project / "seeds" / "contact.md").write_text(SEED, "utf-8")
    assert cli("catalog", "update", cwd=project).returncode == 0
    entries = _entries(project)
    for text in LITERAL:
        assert entries[text].msgstr == text and "fuzzy" not in entries[text].flags, text
    assert entries["Write to press@example.com."].msgstr == ""  # words: for a translator
    assert entries["Contact details"].msgstr == ""


def test_translate_leaves_no_fuzzy_literal_and_catalog_update_clears_old_ones(
        project: Path) -> None:
    (project / "seeds" / "contact.md").write_text(SEED, "utf-8")
    result = cli("translate", "seeds/contact.md", "--to", "zh", "--memory-only", "--json",
                 cwd=project)
    assert result.returncode in (0, 1), result.stderr
    entries = _entries(project)
    assert [t for t in LITERAL if entries[t].msgstr != t or "fuzzy" in entries[t].flags] == []
    # a catalog from before: the figure left fuzzy by an earlier translate run
    path = load(project).catalog_path("zh", "contact")
    po = catalog.load(path)
    entry = po.find("142.38")
    assert entry is not None
    entry.flags.append("fuzzy")
    po.save(str(path))
    assert cli("catalog", "update", cwd=project).returncode == 0
    assert "fuzzy" not in _entries(project)["142.38"].flags
    json.loads(result.stdout)  # the translate run printed one JSON document
