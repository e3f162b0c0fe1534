"""Each small concept has one home in pressctl, and the others call it (issue 10, point 17)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from pressctl.core.config import Config
from pressctl.core.paths import cache_dir, relative
from pressctl.kit import Kit, Wording, language_name, printed_texts, split_speaker
from pressctl.kit.make import make_kit
from pressctl.render.docx.text import xml_escape
from pressctl.render.pdf.page import document_text
from pressctl.source.release import Block, BlockKind

PACKAGE = Path(__file__).resolve().parent.parent / "pressctl"


@pytest.fixture(scope="module")
def kits(config: Config, release: Any) -> dict[str, Kit]:
    return {lang: make_kit(config, release, lang) for lang in ("en", "zh")}

#: What spells out a concept's logic → the one module allowed to spell it.
HOMES = {
    "relative_to(config.root)": "core/paths.py",
    "XDG_CACHE_HOME": "core/paths.py",
    "mkstemp(": "core/atomic.py",
    '.replace("&", "&amp;")': None,  # nowhere: the standard library escapes
    "get_language_name(": "kit/__init__.py",
    'speaker.find(","': "kit/__init__.py",
    'split("-")[0]': "core/lang.py",
    "row.label, row.value_text, row.period_text, row.unit_text": "kit/__init__.py",  # printed_texts
}


@pytest.mark.parametrize("spelling", sorted(HOMES))
def test_concept_is_spelled_out_only_in_its_home(spelling: str) -> None:
    places = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                    if spelling in path.read_text(encoding="utf-8"))
    home = HOMES[spelling]
    assert places == ([home] if home else [])


def test_xml_escape_round_trips_through_a_parser() -> None:
    text = 'BMW & Huawei <HarmonyOS> "智能" \'s'
    xml = f'<a title="{xml_escape(text)}">{xml_escape(text)}</a>'
    element = etree.fromstring(xml)
    assert (element.get("title"), element.text) == (text, text)


def test_relative_inside_and_outside_the_project(tmp_path: Path) -> None:
    config: Any = type("C", (), {"root": tmp_path.resolve()})()
    assert relative(config, tmp_path / "locales" / "zh" / "x.po") == "locales/zh/x.po"
    assert relative(config, Path("/etc/hosts")) == "/etc/hosts"


def test_cache_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir("fonts") == tmp_path / "pressctl" / "fonts"
    assert cache_dir() == tmp_path / "pressctl"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir("cmaps") == Path.home() / ".cache" / "pressctl" / "cmaps"


def test_glyph_coverage_is_cached_in_the_one_cache(kits: dict[str, Kit], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The font coverage cache is written whole (no temporary left) under cache_dir("cmaps")."""
    from pressctl.kit import glyphs
    from pressctl.kit.fonts import resolve

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(glyphs, "_coverage", {})
    font = resolve("zh", kits["zh"].fonts).regular
    assert ord("宝") in glyphs.coverage(font)
    files = list((tmp_path / "pressctl" / "cmaps").iterdir())
    assert [f.suffix for f in files] == [".json"]


def test_language_name_and_speaker(kits: dict[str, Kit]) -> None:
    assert language_name(kits["zh"]) == "中文"
    assert language_name(kits["en"]) == "English"
    unknown: Any = None
    odd = Kit(release=unknown, lang="xx", tag="xx-YY", locale="not a locale",
              t=Wording(None), facts=())
    assert language_name(odd) == "xx-YY"
    assert split_speaker("Gao Xiang, President, BMW Group") == ("Gao Xiang",
                                                                ", President, BMW Group")
    assert split_speaker("高翔，宝马集团大中华区总裁") == ("高翔", "，宝马集团大中华区总裁")
    assert split_speaker("Jane Doe") == ("Jane Doe", "")


def test_the_glyph_check_and_the_font_subset_read_the_same_texts(kits: dict[str, Kit]) -> None:
    """A pull-quote ending "，" is printed with "。": both the glyph check and the PDF font
    subset must see that character, even where no other text has it."""
    quote = Block(BlockKind.QUOTE, "“我们将深化合作，”高翔说", speaker="高翔")
    release = kits["zh"].release.replace(title="宝马", subtitle=None, dateline=None,
                                         contact=(), boilerplate=(), keywords=("宝马",),
                                         blocks=(quote,))
    kit = replace(kits["zh"], release=release, t=Wording(None), facts=())
    texts = printed_texts(kit)
    assert "我们将深化合作。" in texts
    assert "中文" in texts  # the bilingual edition's column head
    assert "".join(texts).count("。") == 1
    assert set(document_text(kit)) == set("".join(texts))
