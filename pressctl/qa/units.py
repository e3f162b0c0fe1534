"""Units: a figure that lost or changed its unit (17.1% vs 17.1; 2.3 points vs 2.3%).

Percentages, percentage points and CLDR's measurement units (km, kWh, GW,
tonnes …) are read by :mod:`pressctl.qa.amounts` on both sides of a pair of
figures with the same value.  Counters (vehicles → 辆 or 台, suppliers → 家)
vary with the measure word a translator picks, so they are compared only
where the glossary gives the counted word's translation.
"""

from __future__ import annotations

import re

from pressctl.qa.amounts import describe_unit, pairs
from pressctl.qa.base import Finding, Pair

CHECK = "units"


def _starts_with(text: str, word: str) -> bool:
    """``text`` begins with ``word`` (after spaces and a scale-free article)."""
    text = text.lstrip()
    if word.isascii():
        return re.match(rf"{re.escape(word)}(?![A-Za-z])", text, re.IGNORECASE) is not None
    return text.startswith(word)


def check(pair: Pair) -> list[Finding]:
    findings = []
    for source, target in pairs(pair):
        if source.kind != "number":
            continue
        where = f"{source.text} vs {target.text}"
        if source.unit != target.unit:
            if source.unit and target.unit:
                message = f"unit {describe_unit(source)} ≠ {describe_unit(target)}"
            elif source.unit:
                message = f"unit {describe_unit(source)} dropped"
            else:
                message = f"unit {describe_unit(target)} not in the source"
            findings.append(Finding(CHECK, f"{where}: {message}", target.text))
            continue
        for term in pair.terms:
            if _starts_with(source.after, term.source) and not _starts_with(target.after,
                                                                            term.target):
                findings.append(Finding(CHECK, f"{where}: counter {term.source} should be "
                                               f"{term.target} (glossary)", target.text))
    return findings
