"""Dates and periods: day and month, quarters, halves and fiscal years kept as in the source.

"March 17" is 3月17日, Q1 is 第一季度 (Traditional 第一季, 首季), H1 is 上半年:
:func:`pressctl.qa.numbers.extract` reads them (CLDR date skeletons and month
names), and this check compares them as dates, so a changed day or quarter
is reported as a date, not as a stray number.  A fiscal year (FY2024,
fiscal 2024, 2024财年/財年) is a different period from the calendar year
2024: the year written as fiscal on one side only is an error.
"""

from __future__ import annotations

import re

from pressctl.core.lang import is_unspaced
from pressctl.qa.base import Finding, Pair
from pressctl.qa.numbers import Number, extract

CHECK = "dates"
KINDS = ("date", "month", "quarter", "half")
FISCAL_ENGLISH = re.compile(
    r"(?<![A-Za-z])(?:FY\s?(?P<a>\d{4})|fiscal(?:\s+year)?\s+(?P<b>\d{4})"
    r"|(?P<c>\d{4})\s+fiscal\s+year|financial\s+year\s+(?P<d>\d{4}))", re.IGNORECASE)
FISCAL_CHINESE = re.compile(r"(?P<a>\d{4})\s*(?:财年|財年|财政年度|財政年度|会计年度|會計年度)"
                            r"|(?:财年|財年)\s*(?P<b>\d{4})")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _periods(text: str, locale: str, flags: tuple[str, ...]) -> list[Number]:
    seen: dict[object, Number] = {}
    for number in extract(text, locale, flags):
        if number.kind in KINDS:
            seen.setdefault(number.key, number)
    return list(seen.values())


def _fiscal(text: str, locale: str) -> dict[str, str]:
    """Fiscal years written in ``text``: year → the words that say so."""
    pattern = FISCAL_CHINESE if is_unspaced(locale) else FISCAL_ENGLISH
    return {next(g for g in m.groups() if g): m.group() for m in pattern.finditer(text)}


def check(pair: Pair) -> list[Finding]:
    source = _periods(pair.source, pair.source_locale, pair.flags)
    target = _periods(pair.target, pair.target_locale, pair.flags)
    target_keys = {n.key for n in target}
    source_keys = {n.key for n in source}
    missing = [n for n in source if n.key not in target_keys]
    extra = [n for n in target if n.key not in source_keys]
    findings = [Finding(CHECK, f"{old.describe()} vs {new.describe()}: {old.kind} changed",
                        new.text) for old, new in zip(missing, extra, strict=False)]
    paired = min(len(missing), len(extra))
    findings += [Finding(CHECK, f"{n.describe()} missing from the translation", n.text)
                 for n in missing[paired:]]
    findings += [Finding(CHECK, f"{n.describe()} not in the source", n.text)
                 for n in extra[paired:]]
    source_fiscal = _fiscal(pair.source, pair.source_locale)
    target_fiscal = _fiscal(pair.target, pair.target_locale)
    source_years = set(YEAR.findall(pair.source))
    target_years = set(YEAR.findall(pair.target))
    for year, words in source_fiscal.items():
        if year in target_years and year not in target_fiscal:
            findings.append(Finding(CHECK, f"{words} vs {year}: fiscal year {year} became the "
                                           "calendar year", year))
    for year, words in target_fiscal.items():
        if year in source_years and year not in source_fiscal:
            findings.append(Finding(CHECK, f"{year} vs {words}: calendar year {year} became a "
                                           "fiscal year", words))
    return findings
