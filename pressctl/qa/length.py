"""Length: a translation far shorter or longer than its source has lost or gained a clause.

Lengths are counted in letters and digits, a Chinese, Japanese or Korean
character counting as :data:`CJK_WEIGHT` Latin ones (a hanzi carries about
what three English letters do: the announcement's reviewed sentences have
Chinese/English ratios of 0.23–0.41 by characters, 0.7–1.2 weighted), so one
band fits every language pair, English→Chinese as well as Chinese→English or
English→German.  Short strings (labels, units) vary too much to judge and are
skipped.  A warning by default: it points a reviewer at a sentence, it does
not prove one wrong.
"""

from __future__ import annotations

from pressctl.core.script import is_cjk_letter
from pressctl.qa.base import Finding, Pair
from pressctl.qa.text import mask

CHECK = "length"
CJK_WEIGHT = 3.0
#: Weighted length below which a source is not judged.
MIN_LENGTH = 40
LOW, HIGH = 0.5, 2.0


def weighted_length(text: str) -> float:
    total = 0.0
    for char in text:
        if not char.isalnum():
            continue
        total += CJK_WEIGHT if is_cjk_letter(char) else 1.0
    return total


def check(pair: Pair) -> list[Finding]:
    source = weighted_length(mask(pair.source, pair.flags))
    if source < MIN_LENGTH or not pair.target:
        return []
    ratio = weighted_length(mask(pair.target, pair.flags)) / source
    if LOW <= ratio <= HIGH:
        return []
    what = "short" if ratio < LOW else "long"
    return [Finding(CHECK, f"translation unusually {what} for its source (weighted length "
                           f"ratio {ratio:.2f}, expected {LOW}–{HIGH})", pair.target)]
