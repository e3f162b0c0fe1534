"""The ``ordinals`` check: "Year two" is 第二年, and 第三年 is a wrong translation of it.

Ordinals are read in :mod:`pressctl.qa.ordinal_words` (first … ninety-ninth,
2nd, "Phase 3"; 第三, 第21, 首艘) by :func:`pressctl.qa.numbers.extract`,
after quarters and halves, which are periods.  They are compared only when
*both* sides write ordinals: "for the first time" is 首次, 率先 or nothing at
all in good Chinese, so an ordinal dropped or added is no finding, but "Year
two" against 第三年 is.  "first"/首 has many other readings (首席 is "chief"),
so a finding about the first one is a warning.
"""

from __future__ import annotations

from pressctl.qa.base import Finding, Pair
from pressctl.qa.numbers import extract
from pressctl.qa.ordinal_words import Ordinal

CHECK = "ordinals"


def _ordinals(text: str, locale: str, flags: tuple[str, ...]) -> list[Ordinal]:
    return [Ordinal(int(n.value[0]), n.text, n.start, n.start + len(n.text))  # type: ignore[index]
            for n in extract(text, locale, flags) if n.kind == "ordinal"]


def check(pair: Pair) -> list[Finding]:
    """Ordinals changed where both sides write some ("Year two" → 第三年)."""
    source = _ordinals(pair.source, pair.source_locale, pair.flags)
    target = _ordinals(pair.target, pair.target_locale, pair.flags)
    if not source or not target:
        return []
    source_values = {o.value for o in source}
    target_values = {o.value for o in target}
    missing = list({o.value: o for o in source if o.value not in target_values}.values())
    extra = list({o.value: o for o in target if o.value not in source_values}.values())
    findings = [Finding(CHECK, f"{old.text} vs {new.text}: ordinal {old.value} ≠ {new.value}",
                        new.text, ambiguous=old.first or new.first)
                for old, new in zip(missing, extra, strict=False)]
    paired = min(len(missing), len(extra))
    findings += [Finding(CHECK, f"{o.text} (ordinal {o.value}) missing from the translation",
                         o.text, ambiguous=o.first) for o in missing[paired:]]
    findings += [Finding(CHECK, f"{o.text} (ordinal {o.value}) not in the source", o.text,
                         ambiguous=o.first) for o in extra[paired:]]
    return findings


__all__ = ["CHECK", "check"]
