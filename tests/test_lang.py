"""Language codes are split in one place (pressctl/core/lang.py) and every stage agrees."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pressctl.core.lang import base_lang, counts_in_myriads, is_unspaced
from pressctl.kit import Kit, Wording, format_amount
from pressctl.source.segment import join_sentences

PACKAGE = Path(__file__).resolve().parent.parent / "pressctl"


@pytest.mark.parametrize(("code", "base"), [("zh-CN", "zh"), ("zh_Hans_CN", "zh"), ("ZH", "zh"),
                                            ("zt", "zt"), ("ko_KR", "ko"), ("en-GB", "en")])
def test_base_lang(code: str, base: str) -> None:
    assert base_lang(code) == base


def test_traditional_chinese_sentences_join_without_spaces() -> None:
    """Argos calls Traditional Chinese ``zt``: it is unspaced like ``zh``."""
    assert join_sentences(["寶馬與華為。", "雙方合作。"], "zt") == "寶馬與華為。雙方合作。"
    assert join_sentences(["宝马。", "华为。"], "zh_Hans_CN") == "宝马。华为。"
    assert join_sentences(["BMW.", "Huawei."], "ko") == "BMW. Huawei."


def _kit(lang: str, locale: str) -> Kit:
    none: Any = None  # the typesetting question needs no release
    return Kit(release=none, lang=lang, tag=lang, locale=locale, t=Wording(None), facts=())


@pytest.mark.parametrize(("lang", "locale", "cjk"), [
    ("zh", "zh_Hans_CN", True), ("zh-TW", "zh_Hant_TW", True), ("zt", "zh_Hant_TW", True),
    ("ja", "ja_JP", True), ("ko", "ko_KR", False), ("en", "en_GB", False)])
def test_kit_sets_chinese_and_japanese_full_width_but_not_korean(lang: str, locale: str,
                                                                  cjk: bool) -> None:
    """Korean is written with spaces and ASCII punctuation: no "，" or "——" in a Korean kit."""
    assert _kit(lang, locale).cjk is cjk
    assert is_unspaced(lang) is cjk


def test_myriads_are_chinese_japanese_and_korean() -> None:
    assert [counts_in_myriads(x) for x in ("zh_Hans_CN", "zt", "ja_JP", "ko_KR", "en_GB")] == [
        True, True, True, True, False]
    assert format_amount(142_380_000_000, "zh_Hans_CN") == "1423.8亿"
    assert format_amount(142_380_000_000, "en_GB") == "142.38 billion"


def test_no_module_splits_language_codes_by_hand() -> None:
    """``code.split("-")[0]`` outside lang.py is how ``zt`` and ``zh_Hans_CN`` got lost."""
    by_hand = re.compile(r"""\.split\(\s*["'][-_]["']\s*\)\[0\]|\bin \(["']zh["'], ["']ja["']""")
    found = [f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.name != "lang.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if by_hand.search(line)]
    assert found == []
