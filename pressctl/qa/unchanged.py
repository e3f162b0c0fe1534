"""Unchanged: a translation identical to its source, where the source has words to translate.

Copying the source is what an editor does to silence "untranslated"; it is
also right for a name or a product kept in Latin letters.  So what is left
after removing glossary terms kept as they are ("MyBMW App" → "MyBMW App"),
the names the release keeps in Latin letters (its organisation, speakers and
contacts: :mod:`pressctl.qa.names`), words written as brands (HarbourLink,
EXAMPLE, iX3), placeholders, URLs, numbers and punctuation must still hold a
word for the entry to be reported.  A warning by default: names without a glossary entry
may legitimately stay.
"""

from __future__ import annotations

import re

from pressctl.qa.base import Finding, Pair
from pressctl.qa.glossary_check import occurrences
from pressctl.qa.leftover import WORD, is_brand
from pressctl.qa.text import mask

TWO_LETTERS = re.compile(r"[^\W\d_]{2,}")

CHECK = "unchanged"


def check(pair: Pair) -> list[Finding]:
    if " ".join(pair.source.split()) != " ".join(pair.target.split()):
        return []
    rest = mask(pair.source, pair.flags, pair.names)
    kept = tuple(t for t in pair.terms if t.source == t.target)
    for _, seen in occurrences(rest, kept):
        rest = rest.replace(seen, " ")
    rest = WORD.sub(lambda m: " " if is_brand(m.group()) else m.group(), rest)
    if not TWO_LETTERS.search(rest):
        return []
    return [Finding(CHECK, "the translation is the source text unchanged", pair.target)]
