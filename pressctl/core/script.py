"""Scripts: the one place that says which characters are Chinese, Japanese or Korean.

Two questions are asked of a character, and they have different answers:

* :func:`is_cjk_letter` — is it a *letter* of CJK writing: a Han ideograph
  (hanzi, kanji, hanja), Bopomofo, kana or Hangul?  Asked where pressctl
  decides what a text is written in (is this target Chinese text? which
  language is this input?), weighs lengths, or keeps a figure with the
  word after it ("2024年").  Punctuation says nothing about the language:
  "。" in an English string is a typo, not Chinese.
* :func:`is_cjk` — is it set on the full-width grid, with no spaces around
  it: those letters plus CJK punctuation and symbols (。、「」〇), the
  full-width forms (，！（ and the half-width forms of the same block), the
  vertical and compatibility forms and the radicals?  Asked by sentence
  splitting, line breaking, chart and watermark widths, translation-memory
  keys and space removal, where "，" behaves like "中" and unlike ",".

The ranges are Unicode blocks (Blocks.txt, Unicode 15.1), listed whole so the
answer does not change with the Python version's Unicode data; planes 2 and 3
(U+20000–U+3FFFF) are reserved for ideographs, so they are taken whole.
Regular expressions that need a character class use :data:`CJK_CLASS` or
:data:`CJK_LETTER_CLASS`, built from the same table.
"""

from __future__ import annotations

import re
import unicodedata

#: Han ideographs: (first, last, block).
HAN = (
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0x20000, 0x3FFFF, "Supplementary and Tertiary Ideographic Planes (Extensions B–I)"),
)
#: Letters of the other CJK scripts.
KANA_HANGUL_BOPOMOFO = (
    (0x1100, 0x11FF, "Hangul Jamo"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x3130, 0x318F, "Hangul Compatibility Jamo"),
    (0x31A0, 0x31BF, "Bopomofo Extended"),
    (0x31F0, 0x31FF, "Katakana Phonetic Extensions"),
    (0xA960, 0xA97F, "Hangul Jamo Extended-A"),
    (0xAC00, 0xD7AF, "Hangul Syllables"),
    (0xD7B0, 0xD7FF, "Hangul Jamo Extended-B"),
    (0x1AFF0, 0x1B16F, "Kana Extended-B, Kana Supplement, Kana Extended-A, Small Kana Extension"),
)
#: Punctuation, symbols and forms set full width beside CJK letters.
CJK_MARKS = (
    (0x2E80, 0x2FDF, "CJK Radicals Supplement, Kangxi Radicals"),
    (0x2FF0, 0x2FFF, "Ideographic Description Characters"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3190, 0x319F, "Kanbun"),
    (0x31C0, 0x31EF, "CJK Strokes"),
    (0x3200, 0x33FF, "Enclosed CJK Letters and Months, CJK Compatibility"),
    (0xFE10, 0xFE1F, "Vertical Forms"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
)


#: Half-width punctuation → the full-width form Chinese and Japanese text writes: the
#: one table of machine-output repair (``translate/punctuation.py``), QA's width check
#: and the memory's punctuation-blind matching.
FULL_WIDTH = {",": "，", ".": "。", "!": "！", "?": "？", ";": "；", ":": "：", "(": "（",
              ")": "）"}
#: Full-width → half-width; the enumeration comma 、 becomes a comma in Latin text.
HALF_WIDTH = {**{full: half for half, full in FULL_WIDTH.items()}, "、": ","}

def _char_class(*tables: tuple[tuple[int, int, str], ...]) -> str:
    ranges = sorted((first, last) for table in tables for first, last, _ in table)
    return "".join(f"{chr(first)}-{chr(last)}" for first, last in ranges)


#: The body of a regex character class: ``f"[{CJK_LETTER_CLASS}]"``.
CJK_LETTER_CLASS = _char_class(HAN, KANA_HANGUL_BOPOMOFO)
CJK_CLASS = _char_class(HAN, KANA_HANGUL_BOPOMOFO, CJK_MARKS)
_CJK_LETTER = re.compile(f"[{CJK_LETTER_CLASS}]")
_CJK = re.compile(f"[{CJK_CLASS}]")


def is_cjk_letter(char: str) -> bool:
    """A Han ideograph, Bopomofo, kana or Hangul letter: what CJK words are written in."""
    return _CJK_LETTER.match(char) is not None


def is_cjk(char: str) -> bool:
    """A CJK letter, or CJK punctuation, symbol or full-width form: set without spaces."""
    return _CJK.match(char) is not None


def has_cjk_letters(text: str) -> bool:
    """Whether ``text`` has at least one CJK letter (Chinese, Japanese or Korean text)."""
    return _CJK_LETTER.search(text) is not None


def is_wide(char: str) -> bool:
    """A character set one em wide: CJK (:func:`is_cjk`) or any Unicode wide/full-width one."""
    return is_cjk(char) or unicodedata.east_asian_width(char) in ("W", "F")


def ems(text: str, narrow: float) -> float:
    """``text``'s width in ems, estimated without a font: a wide character (:func:`is_wide`)
    is one em, any other ``narrow`` ems.  The one estimate of the renderers; each caller
    names its ``narrow`` for what it measures (body text, bold capitals…), as the
    average Latin advance differs with the face and the letters."""
    return sum(1.0 if is_wide(char) else narrow for char in text)


def figure_gap(word: str) -> str | None:
    """The space between a figure and the unit or word written after it, by the word's script.

    None before a CJK character, whatever the text around it is written in (300人,
    12艘, 2,800吨: GB/T 15835 sets Arabic figures closed up to Chinese, so a Chinese
    unit standing in, untranslated, in an English draft is "300人" too); one space
    before a Latin letter (2,800 kWh in every language: SI, GB 3101).  ``None`` where
    the script says nothing (%, °C, ¥): as the wording writes it.
    """
    first = word[:1]
    if not first:
        return None
    if is_cjk(first):
        return ""
    if first.isascii() and first.isalpha():
        return " "
    return None
