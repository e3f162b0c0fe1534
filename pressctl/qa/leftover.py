"""Leftover source text: Latin words in a Chinese or Japanese translation that should not be there.

Chinese press text keeps some names in Latin letters ("MyBMW App", "HUAWEI
HiCar", "HarmonyOS NEXT"), so a Latin word is fine when it is part of a
glossary target term, or when it is a *name*: it appears as-is in the source
and looks like one there — an inner capital or digit (MyBMW, HiCar, 5G), all
capitals (NEXT, BMW), or a capital where a sentence does not begin (App in
"MyBMW App").  Everything else is left over from the source or from a
half-finished edit ("宝马将deeply融入…", "In中国"): lower-case words and
capitalised sentence openers copied from the source.  Units written right
after a figure (5 km, 40 kWh) are fine.

The other way round (a Chinese original in English), Chinese characters
left in the English are leftovers, unless a glossary target term has them.
"""

from __future__ import annotations

import re

from pressctl.core.lang import is_unspaced
from pressctl.core.script import CJK_LETTER_CLASS, has_cjk_letters
from pressctl.qa.base import Finding, Pair
from pressctl.qa.text import mask

DIGIT_BEFORE = re.compile(r"\d\s?$")

CHECK = "leftover"
#: Latin letters, with the accented ones of Latin-1 and Latin Extended-A/B (Söhne,
#: Škoda), so that an accent does not cut a word in two; × and ÷ are not letters.
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
WORD = re.compile(rf"[{LATIN}][{LATIN}0-9]*(?:['’\-][{LATIN}0-9]+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?。！？:]\s*)[\"“‘'(\s]*$")
HANZI_RUN = re.compile(f"[{CJK_LETTER_CLASS}]+")


def is_brand(word: str) -> bool:
    """A word written as a brand is: an inner capital or digit (HarbourLink, iX3, 5G) or all
    capitals of two letters or more (NEXT, BMW); such a word is kept in any language."""
    return any(c.isupper() or c.isdigit() for c in word[1:])


def names(source: str) -> set[str]:
    """Words of ``source`` that look like names rather than ordinary words."""
    found = set()
    for match in WORD.finditer(source):
        word = match.group()
        inner = is_brand(word)
        starts = SENTENCE_START.search(source[:match.start()]) is not None
        if inner or (word[0].isupper() and not starts):
            found.add(word)
    return found


def _hanzi(pair: Pair) -> list[Finding]:
    """Chinese characters left in a translation written with Latin letters."""
    text = mask(pair.target, pair.flags)
    for term in pair.terms:
        if term.target and has_cjk_letters(term.target):
            text = text.replace(term.target, " " * len(term.target))
    return [Finding(CHECK, f"Chinese text “{found.group()}” left in the {pair.target_lang} "
                           "translation", found.group()) for found in HANZI_RUN.finditer(text)]


def check(pair: Pair) -> list[Finding]:
    if not is_unspaced(pair.target_lang):
        return _hanzi(pair) if has_cjk_letters(pair.target) else []
    if not has_cjk_letters(pair.target):
        return []
    text = mask(pair.target, pair.flags, pair.names)
    for term in sorted(pair.terms, key=lambda t: len(t.target), reverse=True):
        if term.target and WORD.search(term.target):
            text = text.replace(term.target, " " * len(term.target))
    allowed = names(mask(pair.source, pair.flags, pair.names))
    spans: list[tuple[int, int]] = []
    for match in WORD.finditer(text):
        word = match.group()
        if word in allowed or DIGIT_BEFORE.search(text[:match.start()]):
            continue
        if spans and not text[spans[-1][1]:match.start()].strip():
            spans[-1] = (spans[-1][0], match.end())  # one finding for a run of words
        else:
            spans.append((match.start(), match.end()))
    return [Finding(CHECK, f"Latin text “{pair.target[a:b]}” is neither a glossary term nor "
                           "a name from the source", pair.target[a:b]) for a, b in spans]
