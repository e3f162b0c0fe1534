"""Inline markup: every bold and emphasised span, code span, link and hard break of
the source must be in the translation, each link with its URL unchanged.

Segments carry their Markdown (README, "Marked-up text"), so a translator who
drops the ``**`` around a product name, breaks a link's brackets or "translates"
its URL changes what the kit prints without a word.  Both sides are read with
the same Markdown parser as the renderers (:func:`pressctl.source.inline.inventory`),
so an unclosed ``**`` in the translation counts as a lost span.
"""

from __future__ import annotations

from pressctl.qa.base import Finding, Pair
from pressctl.source.inline import inventory

CHECK = "markup"


def check(pair: Pair) -> list[Finding]:
    source, target = inventory(pair.source), inventory(pair.target)
    findings = [Finding(CHECK, f"{item} of the source is missing in the translation", item)
                for item in sorted((source - target).elements())]
    findings += [Finding(CHECK, f"{item} is not in the source", item)
                 for item in sorted((target - source).elements())]
    return findings
