"""Numbers, as values: a figure changed, dropped or added by translation is a public correction.

Figures are compared by value, not by spelling, so "€142.38 billion" and
"1423.8亿欧元" agree, and so do "3 million" and "300万".  Everything that
depends on the language comes from CLDR through Babel:

* thousands and decimal separators (``1,423.8`` in English and Chinese,
  ``1.423,8`` in German) — :func:`babel.numbers.parse_decimal`;
* scale words: "thousand", "million", "billion" and Chinese 万, 亿, 万亿 are
  read from the locale's compact decimal formats (``0 billion``, ``0亿``), so
  the multiplier of each word is CLDR's, not ours;
* month-and-day dates ("March 17", "3月17日") from the locale's date
  skeletons ``MMMMd`` and ``MMMd`` and its month names; CLDR gives one order
  per locale, so "17 March" is read in both orders.

What CLDR does not list is added here and said so: Chinese 十/百/千 in front
of 万/亿 (千万 = 10⁷), 千 and 百 on their own, 多/余 ("300多万", more than
3 million), the press abbreviations "bn" and "mn", and quarters and halves
(Q1 = first quarter = 第一季度 = Traditional 第一季 or 首季, H1 = 上半年).  Full-width digits are
folded to ASCII first.  Signs are ignored: "2024-2025" is a range, not -2025.
Percentages compare by value ("17.1 per cent" = "17.1%" = 百分之十七点一), and a
year written digit by digit in numerals (二〇〇五年) is the year; those numerals are
read in :mod:`pressctl.qa.words`.  Numbers spelt in
words ("a quarter", 两倍, three) are :mod:`pressctl.qa.spelled`'s to compare; a
count in digits on one side and in words on the other (3 = 三家) is not a
changed figure here.  Chinese press style (GB/T 15835) writes statistics in
Arabic digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from pressctl.core.lang import base_lang, cldr_locale, is_unspaced
from pressctl.qa.base import Finding, Pair
from pressctl.qa.ordinal_words import find as find_ordinals
from pressctl.qa.text import mask
from pressctl.qa.words import COUNT, NUMERAL_DIGITS, NUMERAL_UNITS, numerals
from pressctl.qa.words import read as read_words

DIGITS_ONLY = re.compile(r"[\d.,\s]+")
SKELETON_TOKEN = re.compile(r"M{1,4}|L{1,4}|d{1,2}|'[^']*'|\s+|.")

if TYPE_CHECKING:
    from babel import Locale

CHECK = "numbers"
WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%"})
#: Press abbreviations that CLDR's compact formats do not list.
EXTRA_SCALES = {"en": {"bn": 10**9, "mn": 10**6}}
#: Chinese and Japanese digit-position characters that multiply the unit after them.
CJK_MULTIPLIERS = NUMERAL_UNITS
#: 千米 is a kilometre and 百分 a percentage, not a thousand metres or a hundred minutes.
CJK_NOT_A_MULTIPLIER = "米克瓦卡帕伏兆字分"
#: Month names that are everyday words when they stand alone ("BMW may …").
AMBIGUOUS_MONTHS = frozenset({"may"})
#: Letters of an English ordinal after a day ("March 17th").
ORDINAL = r"(?:st|nd|rd|th)?"
#: Quarters and halves of a year, which a financial release writes with a digit in one
#: language and a word in the other (Q1 = first quarter = 第一季度, in Traditional
#: also 第一季 or 首季; H1 = 上半年).
PERIOD_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "一": 1, "二": 2, "三": 3,
                  "四": 4, "上": 1, "下": 2, "首": 1}
PERIODS = (
    ("quarter", re.compile(r"(?<![A-Za-z0-9])Q(?P<a>[1-4])(?![A-Za-z0-9])"
                           r"|(?<![A-Za-z])(?P<b>first|second|third|fourth)[\s-]quarter"
                           r"|(?<!前)第?(?P<c>[一二三四1-4])季度|第(?P<d>[一二三四1-4])季(?!度)"
                           r"|(?P<e>首)季度?", re.IGNORECASE)),
    ("half", re.compile(r"(?<![A-Za-z0-9])H(?P<a>[12])(?![A-Za-z0-9])"
                        r"|(?<![A-Za-z])(?P<b>first|second)[\s-]half(?![A-Za-z])"
                        r"|(?P<c>[上下])半年", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Number:
    """A figure found in a text: a plain value, a month-day date or a month on its own."""

    kind: str  # "number", "date", "month", "quarter", "half" or "ordinal"
    value: Decimal | tuple[int, ...]
    text: str
    start: int

    @property
    def key(self) -> tuple[str, object]:
        return (self.kind, self.value)

    def describe(self) -> str:
        """The figure as the text wrote it, with its value when a unit word hides it."""
        if self.kind == "date":
            month, day = self.value  # type: ignore[misc]
            return f"{self.text} (month {month}, day {day})"
        if self.kind in ("month", "quarter", "half", "ordinal"):
            return f"{self.text} ({self.kind} {self.value[0]})"  # type: ignore[index]
        if DIGITS_ONLY.fullmatch(self.text):
            return self.text
        if all(char in NUMERAL_DIGITS for char in self.text):  # a year: 二〇〇五 (= 2005)
            return f"{self.text} (= {Decimal(self.value).normalize():f})"  # type: ignore[arg-type]
        return f"{self.text} (= {Decimal(self.value).normalize():,f})"  # type: ignore[arg-type]


def _locales(locale: str) -> list[Locale]:
    """The locale, its language and script, and its language alone.

    en_GB writes "17 March", en "March 17"; zh_Hant_HK's compact formats are
    "142.38B", while Hong Kong's Chinese press writes 億 and 萬 as zh_Hant does.
    """
    parts = locale.replace("-", "_").split("_")
    script = [f"{parts[0]}_{parts[1]}"] if len(parts) > 2 and len(parts[1]) == 4 else []
    found: list[Locale] = []
    for name in dict.fromkeys([locale, *script, base_lang(locale)]):
        parsed = cldr_locale(name)
        if parsed is not None:
            found.append(parsed)
    return found


@lru_cache(maxsize=32)
def scales(locale: str) -> dict[str, int]:
    """Scale word → multiplier, from CLDR compact decimal formats (``0 billion`` → 10⁹)."""
    words: dict[str, int] = {}
    for loc in _locales(locale):
        formats = loc.compact_decimal_formats
        for style in ("long", "short"):
            for patterns in formats.get(style, {}).values():
                for magnitude, pattern in patterns.items():
                    text = pattern.pattern
                    zeros = text.count("0")
                    word = text.replace("0", "").replace("'", "").strip(" \u00a0")
                    # "3M", "5B": single Latin letters are too often something else.
                    if not word or zeros == 0 or (len(word) == 1 and word.isascii()):
                        continue
                    words.setdefault(word, int(magnitude) // 10 ** (zeros - 1))
    words.update(EXTRA_SCALES.get(base_lang(locale), {}))
    return words


@lru_cache(maxsize=32)
def _number_pattern(locale: str) -> re.Pattern[str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    group = re.escape(get_group_symbol(locale))
    decimal = re.escape(get_decimal_symbol(locale))
    words = scales(locale)
    latin = sorted((w for w in words if w.isascii()), key=len, reverse=True)
    other = sorted((w for w in words if not w.isascii()), key=len, reverse=True)
    alternatives = []
    if latin:
        alternatives.append(r"\s?(?P<word>" + "|".join(map(re.escape, latin))
                            + r")(?![A-Za-z])")
    if other or is_unspaced(locale):
        # 兆 is 10¹² in Taiwan's 兆元 but "mega" in 兆瓦 (MW) and 兆赫 (MHz).
        units = "|".join(re.escape(w) + ("(?![瓦赫字位])" if w == "兆" else "") for w in other)
        multipliers = "".join(CJK_MULTIPLIERS) if is_unspaced(locale) else ""
        cjk = f"[{multipliers}]?(?:{units})" if units and multipliers else f"(?:{units})"
        if multipliers:
            cjk += f"|[百千](?![{CJK_NOT_A_MULTIPLIER}])"
        alternatives.append(r"[多余]?(?P<cjk>" + cjk + ")")
    scale = f"(?:{'|'.join(alternatives)})?" if alternatives else ""
    return re.compile(
        rf"(?<!\d)(?P<number>\d{{1,3}}(?:{group}\d{{3}}(?!\d))+(?:{decimal}\d+)?"
        rf"|\d+(?:{decimal}\d+)?){scale}", re.IGNORECASE if latin else 0)


def _multiplier(unit: str, locale: str) -> int:
    words = scales(locale)
    if unit.lower() in {w.lower() for w in words}:
        return next(v for w, v in words.items() if w.lower() == unit.lower())
    head, rest = unit[0], unit[1:]
    return CJK_MULTIPLIERS[head] * (words[rest] if rest else 1)


@lru_cache(maxsize=32)
def _month_names(locale: str) -> dict[str, int]:
    """Month name (lower case) → month number, wide and abbreviated, from CLDR."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for loc in _locales(locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, loc).items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


def _skeleton_regex(pattern: str, month_names: str) -> str:
    """A CLDR date pattern such as ``MMMM d`` or ``M月d日`` as a regular expression."""
    parts = []
    for token in SKELETON_TOKEN.findall(pattern):
        if token[0] in "ML" and len(token) <= 2:
            parts.append(r"(?<!\d)(?P<mon>\d{1,2})")
        elif token[0] in "ML":
            parts.append(rf"(?P<mon>{month_names})\.?")
        elif token[0] == "d":
            parts.append(rf"(?<!\d)(?P<day>\d{{1,2}}){ORDINAL}(?!\d)")
        elif token.isspace():
            parts.append(r"\s+(?:of\s+)?" if pattern.startswith("d") else r"\s+")
        else:
            parts.append(re.escape(token.strip("'")))
    return "".join(parts)


def _both_orders(pattern: str) -> list[str]:
    """``MMMM d`` and ``d MMMM``: CLDR gives one order per locale, English writes both."""
    parts = pattern.split(" ")
    if len(parts) == 2 and {parts[0][0], parts[1][0]} == {"M", "d"}:
        return [pattern, f"{parts[1]} {parts[0]}"]
    return [pattern]


@lru_cache(maxsize=32)
def _date_patterns(locale: str) -> tuple[re.Pattern[str], ...]:
    """Month-day dates from the ``MMMMd``/``MMMd`` skeletons, then months alone."""
    names = _month_names(locale)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    patterns: list[str] = []
    for loc in _locales(locale):
        skeletons = loc.datetime_skeletons
        for skeleton in ("MMMMd", "MMMd"):
            if skeleton not in skeletons:
                continue
            for pattern in _both_orders(str(skeletons[skeleton])):
                regex = _skeleton_regex(pattern, alternation)
                if regex not in patterns:
                    patterns.append(regex)
    if is_unspaced(locale):  # 3月 alone; 一月 hides in words such as 统一月度
        alone = [n for n in names if any(c.isdigit() for c in n)]
    else:  # wide names; "Mar" or "May" alone is too often something else
        alone = [n for n in names if n not in AMBIGUOUS_MONTHS and len(n) > 3]
    if alone:
        standalone = "|".join(re.escape(n) for n in sorted(alone, key=len, reverse=True))
        patterns.append(rf"(?<![\dA-Za-z])(?P<mon>{standalone})(?![A-Za-z])")
    flags = re.IGNORECASE
    return tuple(re.compile(p, flags) for p in patterns)


def _month(text: str, locale: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _month_names(locale).get(text.lower().rstrip("."))


@lru_cache(maxsize=32)
def known(locale: str) -> str:
    """``locale`` if CLDR has it, else its language, else English conventions."""
    return next((str(loc) for loc in _locales(locale)), "en")


def extract(text: str, locale: str, flags: tuple[str, ...] = ()) -> list[Number]:
    """Every figure of ``text`` written in ``locale``: periods, dates, then numbers."""
    locale = known(locale)
    folded = mask(text.translate(WIDTH), flags)
    found: list[Number] = []
    chars = list(folded)
    for kind, period in PERIODS:
        for match in period.finditer("".join(chars)):
            word = next(g for g in match.groups() if g)
            number = int(word) if word.isdigit() else PERIOD_NUMBERS[word.lower()]
            found.append(Number(kind, (number,), text[match.start():match.end()],
                                match.start()))
            chars[match.start():match.end()] = " " * (match.end() - match.start())
    for pattern in _date_patterns(locale):
        for match in pattern.finditer("".join(chars)):
            month = _month(match.group("mon"), locale)
            day = int(match.group("day")) if "day" in match.groupdict() \
                and match.group("day") else None
            if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if day is None and match.group("mon")[0].islower() and match.group("mon").isascii():
                continue  # "march" the verb; month names are capitalised in English
            date = (month, day) if day is not None else (month,)
            found.append(Number("date" if day else "month", date,
                                text[match.start():match.end()], match.start()))
            chars[match.start():match.end()] = " " * (match.end() - match.start())
    # ordinals (2nd, 第二, Year two) say which one, not how many: qa.ordinals compares them
    for ordinal in find_ordinals("".join(chars), is_unspaced(locale)):
        found.append(Number("ordinal", (ordinal.value,), text[ordinal.start:ordinal.end],
                            ordinal.start))
        chars[ordinal.start:ordinal.end] = " " * (ordinal.end - ordinal.start)
    if is_unspaced(locale):  # 百分之二十 = 20%, 二〇〇五年 = 2005
        for numeral, start, end in numerals("".join(chars)):
            found.append(Number("number", numeral, text[start:end], start))
            chars[start:end] = " " * (end - start)
    for match in _number_pattern(locale).finditer("".join(chars)):
        value = _parse(match.group("number"), locale)
        if value is None:
            continue
        unit = match.groupdict().get("word") or match.groupdict().get("cjk")
        if unit:
            value *= _multiplier(unit, locale)
        found.append(Number("number", value, text[match.start():match.end()].strip(),
                            match.start()))
    return sorted(found, key=lambda n: n.start)


def _parse(number: str, locale: str) -> Decimal | None:
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return Decimal(parse_decimal(number, locale=locale))
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


def _unique(numbers: list[Number]) -> list[Number]:
    seen: dict[tuple[str, object], Number] = {}
    for number in numbers:
        seen.setdefault(number.key, number)
    return list(seen.values())


def _counts(text: str, locale: str, flags: tuple[str, ...]) -> set[tuple[str, object]]:
    return {("number", s.value) for s in read_words(text, locale, flags) if s.kind == COUNT}


def check(pair: Pair) -> list[Finding]:
    """Source figures missing from the target, target figures not in the source.

    Dates, months, quarters and halves are :mod:`pressctl.qa.dates`'s to compare.

    A figure missing on one side and a new one on the other are reported
    together as a changed figure, in reading order.  Figures are compared as
    sets: repeating or merging a figure the source repeats is not an error.
    """
    source = _unique([n for n in extract(pair.source, pair.source_locale, pair.flags)
                      if n.kind == "number"])
    target = _unique([n for n in extract(pair.target, pair.target_locale, pair.flags)
                      if n.kind == "number"])
    # A count written in words on the other side ("3 models" = 三款车型) is the spelled
    # check's to compare.
    source_keys = {n.key for n in source} | _counts(pair.source, pair.source_locale, pair.flags)
    target_keys = {n.key for n in target} | _counts(pair.target, pair.target_locale, pair.flags)
    missing = [n for n in source if n.key not in target_keys]
    extra = [n for n in target if n.key not in source_keys]
    findings = [Finding(CHECK, f"number changed: {old.describe()} in the source, "
                               f"{new.describe()} in the translation", new.text)
                for old, new in zip(missing, extra, strict=False)]
    paired = min(len(missing), len(extra))
    findings += [Finding(CHECK, f"number missing from the translation: {n.describe()}", n.text)
                 for n in missing[paired:]]
    findings += [Finding(CHECK, f"number not in the source: {n.describe()}", n.text)
                 for n in extra[paired:]]
    return findings
