"""Traditional Chinese from Simplified: OpenCC conversion and the Simplified-character test.

A Taiwan or Hong Kong edition is drafted from the reviewed Simplified text
with OpenCC's regional configurations with phrases (``s2twp`` turns 软件 into
軟體, ``s2hk`` into 軟件) and the regional quotes (“”/‘’ → 「」/『』).  The
same tables tell QA which characters of a Traditional catalog are still
Simplified.  Converters are built once per configuration (each loads its
dictionaries).
"""

from __future__ import annotations

import functools
from typing import Any

from pressctl.core.lang import language

#: Characters OpenCC's s2t maps away when they stand alone, yet which are
#: ordinary in Traditional text (台灣, 干擾, 占卜, 于姓, 游泳, 云云, 山峰):
#: found by running the check over Taiwan and Hong Kong wording.
TRADITIONAL_TOO = frozenset("台干占于游云峰")


@functools.lru_cache(maxsize=8)
def _converter(name: str) -> Any:
    import opencc

    return opencc.OpenCC(name)


def conversion(lang: str) -> str:
    """The OpenCC configuration drafting ``lang`` from Simplified ("" when there is none)."""
    return language(lang).opencc


def quotes(text: str, lang: str) -> str:
    """“”/‘’ → the regional quotes of ``lang`` (「」/『』 for Taiwan and Hong Kong)."""
    style = language(lang).quotes
    return text.translate(str.maketrans("“”‘’", style)) if style != "“”‘’" else text


def convert(text: str, lang: str) -> str:
    """Simplified ``text`` as ``lang`` writes it: characters, regional words, quotes."""
    name = conversion(lang)
    if not name:
        return text
    return quotes(_converter(name).convert(text), lang)


def simplified(text: str, lang: str = "") -> list[tuple[int, str, str]]:
    """(index, character, its Traditional form) for each Simplified character in ``text``.

    A character counts when OpenCC's s2t, reading the whole text with its
    phrase tables (so 皇后 keeps 后 while 后来 becomes 後來), changes it, and
    t2s leaves it alone (it is not a Traditional variant such as 爲 for 為).
    寶 passes, 宝 does not; characters both scripts share never change.  With
    ``lang``, a form that language's own variant table writes stays (Hong
    Kong's 户 in 用户, from OpenCC's s2hk).
    """
    t2s = _converter("t2s")
    tables = [_converter("s2t")]
    name = conversion(lang).removesuffix("p")  # s2twp → s2tw: variants, not vocabulary
    if name:
        tables.append(_converter(name))
    found: set[int] = set(range(len(text)))
    forms: dict[int, str] = {}
    for table in tables:
        converted = table.convert(text)
        if len(converted) != len(text):  # a phrase changed length: judge characters alone
            converted = "".join(table.convert(c) for c in text)
        changed = {i for i, (c, d) in enumerate(zip(text, converted, strict=True)) if c != d}
        found &= changed
        for i in changed:
            forms.setdefault(i, converted[i])
    return [(i, text[i], forms[i]) for i in sorted(found)
            if text[i] not in TRADITIONAL_TOO and t2s.convert(text[i]) == text[i]]
