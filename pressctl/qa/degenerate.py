"""Degenerate: a fuzzy draft showing a known failure of machine translation.

A model in a repetition loop, a filler such as "(掌声)" the source does not
have, the source handed back untranslated or in the wrong script, a length
far outside the language pair's norm, a figure written differently: the
signs :mod:`pressctl.translate.degenerate` looks for when ``translate``
writes a draft, looked for again here so that a catalog filled by another
tool, or a draft edited since, is judged the same way.  Only fuzzy entries
are read: a reviewed translation is a person's decision.  A warning: the
fuzzy entry itself already blocks a release.
"""

from __future__ import annotations

from pressctl.qa.base import Finding, Pair
from pressctl.translate.degenerate import doubts

CHECK = "degenerate"


def check(pair: Pair) -> list[Finding]:
    if "fuzzy" not in pair.flags:
        return []
    return [Finding(CHECK, f"the draft looks degenerate: {why}", pair.target)
            for why in doubts(pair.source, pair.target, pair.source_lang, pair.target_lang)]
