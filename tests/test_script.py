"""One definition of "a CJK character", right at the block edges and used everywhere."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from pressctl.core.script import has_cjk_letters, is_cjk, is_cjk_letter

PACKAGE = Path(__file__).resolve().parent.parent / "pressctl"

# (character, is_cjk_letter, is_cjk), written by hand from the Unicode block charts.
EDGES = [
    ("\u4e00", True, True),  # 一, first CJK Unified Ideograph
    ("\u9fff", True, True),  # last code point of that block
    ("\u3400", True, True),  # 㐀, first of Extension A
    ("\u4dbf", True, True),  # last of Extension A
    ("\U00020000", True, True),  # 𠀀, first of Extension B
    ("\U0002a6df", True, True),  # last of Extension B
    ("\U00030000", True, True),  # first of Extension G (plane 3)
    ("\uf900", True, True),  # 豈, CJK Compatibility Ideographs
    ("\u3041", True, True),  # ぁ, first hiragana
    ("\u30ff", True, True),  # ヿ, last of Katakana
    ("\uac00", True, True),  # 가, first Hangul syllable
    ("\ud7a3", True, True),  # 힣, last Hangul syllable
    ("\u3105", True, True),  # ㄅ, Bopomofo
    ("\u3000", False, True),  # ideographic space
    ("\u3002", False, True),  # 。
    ("\u3001", False, True),  # 、
    ("\u300c", False, True),  # 「
    ("\u303f", False, True),  # last of CJK Symbols and Punctuation
    ("\uff0c", False, True),  # ，
    ("\uff01", False, True),  # ！, first of Halfwidth and Fullwidth Forms in use
    ("\uffe5", False, True),  # ￥
    ("\u33a1", False, True),  # ㎡, CJK Compatibility
    ("\u2f00", False, True),  # ⼀, Kangxi radical one: a symbol, not a letter
    ("\u00e9", False, False),  # é
    ("A", False, False),
    ("1", False, False),
    (" ", False, False),
    (",", False, False),
    ("\u2014", False, False),  # — em dash, also used in Chinese but not CJK-only
    ("\u201c", False, False),  # “ shared with Latin text
    ("\u4dc0", False, False),  # ䷀ Yijing hexagram, between Extension A and the main block
    ("\ua000", False, False),  # ꀀ Yi syllable: East Asian wide, but not CJK
    ("\U0001f600", False, False),  # 😀 wide, not CJK
    ("\U0001ffff", False, False),  # last code point before the ideographic planes
    ("\U00040000", False, False),  # first after them
    ("\u0410", False, False),  # А Cyrillic
]


@pytest.mark.parametrize(("char", "letter", "cjk"), EDGES,
                         ids=[f"U+{ord(c):04X}" for c, _, _ in EDGES])
def test_block_edges(char: str, letter: bool, cjk: bool) -> None:
    assert (is_cjk_letter(char), is_cjk(char)) == (letter, cjk)


def test_every_named_cjk_letter_is_one() -> None:
    """Unicode's own names agree: every ideograph, kana, bopomofo and hangul letter counts."""
    prefixes = ("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-", "HIRAGANA LETTER",
                "KATAKANA LETTER", "HANGUL SYLLABLE", "BOPOMOFO LETTER")
    named = [chr(code) for code in range(0x40000)
             if unicodedata.name(chr(code), "").startswith(prefixes)
             and not unicodedata.name(chr(code)).startswith("HALFWIDTH")]
    assert len(named) > 90_000
    assert [f"U+{ord(c):04X}" for c in named if not is_cjk_letter(c)] == []
    fullwidth = [chr(code) for code in range(0x10000)
                 if unicodedata.name(chr(code), "").startswith(("FULLWIDTH ", "IDEOGRAPHIC "))]
    assert [f"U+{ord(c):04X}" for c in fullwidth if not is_cjk(c)] == []


def test_no_latin_or_general_punctuation_is_cjk() -> None:
    """Below the CJK blocks only the Hangul Jamo (U+1100–U+11FF) are CJK."""
    wrong = [f"U+{code:04X}" for code in range(0x2E80)
             if is_cjk(chr(code)) != (0x1100 <= code <= 0x11FF)]
    assert wrong == []


def test_text_with_cjk_letters() -> None:
    assert has_cjk_letters("BMW 与华为")
    assert has_cjk_letters("ソニー")
    assert not has_cjk_letters("BMW，Huawei。")  # punctuation alone says nothing
    assert not has_cjk_letters("Café 2025")


#: Spellings of a CJK range that a module writing its own definition would use.
OWN_DEFINITION = re.compile(
    r"(?:\\u|\\U0*|0x)(?:4e00|3400|3040|30a0|ac00|9fff|4dbf|20000|f900)\s*(?:-|<=|,\s*0x)"
    r"|[一㐀ぁ가]-|category\([^)]*\)\s*==\s*\"Lo\"",
    re.IGNORECASE)


def test_no_module_defines_its_own_cjk_ranges() -> None:
    """pressctl/core/script.py is the one home; every other module imports it."""
    found = [f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.name != "script.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OWN_DEFINITION.search(line)]
    assert found == []
    assert not [path for path in PACKAGE.rglob("*.py")
                if re.search(r"^def (is_cjk|_?ideograph|has_ideographs)\b",
                             path.read_text(encoding="utf-8"), re.MULTILINE)
                and path.name != "script.py"]
