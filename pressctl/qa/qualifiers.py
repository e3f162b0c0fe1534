"""Qualifiers: "over", "about", "nearly", "up to", "at least" kept with their figure.

"Over 3 million" and "about 3 million" are different claims; a dropped
"about" turns an estimate into a precise figure.  Amounts and their
qualifiers are read by :mod:`pressctl.qa.amounts` (超过/逾/以上/多 = over,
约/左右 = about, 将近/接近 = nearly, 最多 = up to, 至少 = at least).  A
qualifier added, dropped or of another kind is an error; where a word has
two readings (近 is "about" or "nearly"; 高达 may be mere emphasis) a
mismatch is reported as ambiguous (a warning).
"""

from __future__ import annotations

from pressctl.qa.amounts import ABOUT, NEARLY, Amount, quantities
from pressctl.qa.base import Finding, Pair

CHECK = "qualifiers"


def _ambiguous(amount: Amount) -> bool:
    return "" in amount.qualifier or {ABOUT, NEARLY} <= amount.qualifier


def _kind(amount: Amount) -> str:
    return "/".join(sorted(k for k in amount.qualifier if k)) or "emphasis"


def check(pair: Pair) -> list[Finding]:
    findings = []
    for source, target, where in quantities(pair):
        ambiguous = _ambiguous(source) or _ambiguous(target)
        if source.qualifier and target.qualifier:
            if not source.qualifier & target.qualifier:
                findings.append(Finding(CHECK, f"{where}: qualifier “{source.qualifier_text}” "
                                               f"({_kind(source)}) ≠ “{target.qualifier_text}”"
                                               f" ({_kind(target)})", target.text, ambiguous))
        elif source.qualifier:
            findings.append(Finding(CHECK, f"{where}: qualifier “{source.qualifier_text}” "
                                           f"({_kind(source)}) dropped", target.text, ambiguous))
        elif target.qualifier:
            findings.append(Finding(CHECK, f"{where}: qualifier “{target.qualifier_text}” "
                                           f"({_kind(target)}) not in the source", target.text,
                                    ambiguous))
    return findings
