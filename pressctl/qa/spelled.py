"""The ``spelled`` check: a figure written in words must keep its value across the pair.

"a quarter" → 一半 changes the story as much as a wrong digit.  The words are
read in :mod:`pressctl.qa.words`; a spelled value may stand as a digit or a
percentage on the other side ("3 models" = 三款车型, a quarter = 25%).
"""

from __future__ import annotations

from decimal import Decimal

from pressctl.qa.base import Finding, Pair
from pressctl.qa.numbers import extract
from pressctl.qa.words import FRACTION, MULTIPLE, THIRD, Spelled, read

CHECK = "spelled"


def _digits(text: str, locale: str, flags: tuple[str, ...]) -> set[Decimal]:
    """Plain figures written in digits, and percentages as fractions (25% = 0.25)."""
    values: set[Decimal] = set()
    for number in extract(text, locale, flags):
        if number.kind == "number":
            value = Decimal(number.value)  # type: ignore[arg-type]
            values.add(value)
            values.add(value / 100)
    return values


def _close(value: Decimal, others: set[Decimal]) -> bool:
    return any(abs(value - other) < Decimal("0.005") for other in others)


def check(pair: Pair) -> list[Finding]:
    """A spelled-out figure whose value the other side does not have, in words or digits."""
    source = read(pair.source, pair.source_locale, pair.flags)
    target = read(pair.target, pair.target_locale, pair.flags)
    if not source and not target:
        return []
    source_digits = _digits(pair.source, pair.source_locale, pair.flags)
    target_digits = _digits(pair.target, pair.target_locale, pair.flags)
    missing = [s for s in source if not _close(s.value, {t.value for t in target if
                                                         t.kind == s.kind} | target_digits)]
    extra = [t for t in target if not _close(t.value, {s.value for s in source if
                                                       s.kind == t.kind} | source_digits)]
    findings = [Finding(CHECK, f"{old.text} vs {new.text}: {old.kind} {_show(old)} ≠ "
                               f"{_show(new)}", new.text)
                for old, new in zip(missing, extra, strict=False)]
    paired = min(len(missing), len(extra))
    findings += [Finding(CHECK, f"{s.text} ({s.kind} {_show(s)}) missing from the translation",
                         s.text) for s in missing[paired:]]
    findings += [Finding(CHECK, f"{t.text} ({t.kind} {_show(t)}) not in the source", t.text)
                 for t in extra[paired:]]
    return findings


def _show(figure: Spelled) -> str:
    if figure.kind == MULTIPLE:
        return f"×{figure.value.normalize():f}"
    if figure.kind == FRACTION and figure.value % THIRD == 0 and figure.value not in (
            Decimal("0.5"),):
        return f"{int(figure.value / THIRD)}/3"
    return f"{figure.value.normalize():f}"
