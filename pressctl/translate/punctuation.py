"""Chinese and English punctuation and spacing around machine output.

The model writes what its corpus wrote; placeholders and source punctuation
it copies through leave half-width stops after Chinese characters and spaces
between words where Chinese has none.  :func:`tidy` gives the text the
target language's spacing and punctuation width.  The half-width/full-width
table lives here, in one module, so that one home (issue 22) can take it over.
"""

from __future__ import annotations

import re

from pressctl.core.lang import is_unspaced
from pressctl.core.script import (
    CJK_CLASS,
    CJK_LETTER_CLASS,
    FULL_WIDTH,
    HALF_WIDTH,
    has_cjk_letters,
)

_CJK_SPACE = re.compile(f"(?<=[{CJK_CLASS}]) +| +(?=[{CJK_CLASS}])")
_CLAUSE_MARK = re.compile(r"[,!?;:]")
_STOP_AFTER_IDEOGRAPH = re.compile(f"(?<=[{CJK_LETTER_CLASS}]) ?(\\.)(?!\\d)")
_FINAL_STOP = re.compile(r"(?<![.!?])[.!?]$")
_WIDE_PUNCTUATION = re.compile(r"[，。！？；：、]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([,.!?;:])")
#: A figure is closed up to a CJK character in any text (core.script.figure_gap): a
#: Chinese unit the model left in an English draft reads "300人", not "300 人".
_FIGURE_SPACE_CJK = re.compile(f"(?<=\\d) +(?=[{CJK_CLASS}])")


def _clause_mark(m: re.Match[str]) -> str:
    """Full-width in Chinese, except between figures (1,000; 12:30; {0}:{1})."""
    text, i = m.string, m.start()
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if (before.isdigit() or before in "}｝") and (after.isdigit() or after in "{｛"):
        return m[0]
    return FULL_WIDTH[m[0]]


def tidy(text: str, target_lang: str) -> str:
    """Spacing and punctuation width of the target language.

    Chinese puts no spaces between words nor around Latin names inside a
    sentence, and writes full-width punctuation after Chinese text; English
    wants half-width punctuation followed by a space.  Text the model wrote
    well already passes unchanged; this mends what placeholders and kept
    source punctuation leave behind ("宝马集团." → "宝马集团。").
    """
    text = " ".join(text.split())
    if is_unspaced(target_lang):
        if has_cjk_letters(text):
            text = _CLAUSE_MARK.sub(_clause_mark, text)
            text = _STOP_AFTER_IDEOGRAPH.sub(lambda m: FULL_WIDTH[m[1]], text.rstrip())
            text = _FINAL_STOP.sub(lambda m: FULL_WIDTH[m[0]], text)
        return _CJK_SPACE.sub("", text)
    text = _WIDE_PUNCTUATION.sub(lambda m: HALF_WIDTH[m[0]] + " ", text)
    text = _FIGURE_SPACE_CJK.sub("", text)
    return " ".join(_SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).split())
