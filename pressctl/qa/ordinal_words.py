"""Reading ordinals: "Year two" is 第二年 and "the 3rd ferry" 第三艘, never 第三年 or 第二艘.

An ordinal says *which* one, not how many, so it is neither a count for
:mod:`pressctl.qa.spelled` nor a plain figure for :mod:`pressctl.qa.numbers`
(which would otherwise call the 2 of "2nd" missing beside 第二).  Read here:

* English: ordinal words (first … ninety-ninth, hundredth), figures with a
  suffix (1st, 22nd, 3rd, 17th), and a noun that numbers a step followed by a
  cardinal ("Year two", "Phase 3", "Stage four", "Round 2");
* Chinese: 第 with a numeral in digits or characters (第3, 第二十一; numerals read
  by ``cn2an`` through :func:`pressctl.qa.words.numeral_value`), and 首 before a
  measure word (首艘, 首批, 首次 = first).

:func:`pressctl.qa.numbers.extract` reads them (after quarters and halves, which
are periods: "first quarter" is Q1) and blanks them for the other figure checks.
:mod:`pressctl.qa.ordinals` compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
         "seventh": 7, "eighth": 8, "ninth": 9}
_TEENS = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
          "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
          "nineteenth": 19, "hundredth": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
           "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
#: English ordinal words, longest alternatives first ("twenty-first" before "first").
_WORD = (rf"(?:(?P<tens>{'|'.join(_TENS)})[\s-])?(?P<ones>{'|'.join(_ONES)})"
         rf"|(?P<other>{'|'.join([*_TEENS, *_TENTHS])})")
#: Nouns that number a step with a cardinal after them: "Year two" is the second year.
STEP_NOUNS = ("year", "phase", "stage", "round", "season", "step", "tranche", "batch")
ENGLISH = re.compile(
    rf"(?<![A-Za-z])(?:(?<!\bper\s)(?<!\bone\s)(?:{_WORD})"
    rf"|(?P<digits>\d{{1,3}})(?:st|nd|rd|th)"
    rf"|(?:{'|'.join(STEP_NOUNS)})\s+(?P<step>\d{{1,3}}(?![\d.,])|{'|'.join(_CARDINALS)}))"
    r"(?![A-Za-z])", re.IGNORECASE)
#: Measure words after 首 that make it "the first" (首艘 the first vessel, 首批 the first
#: batch, 首次 the first time); 首席 (chief), 首都 (capital) are not ordinals.
FIRST_MEASURES = "次批艘个個家款座辆輛架届屆期位台臺条條项項轮輪列部座"
CHINESE = re.compile(r"第\s?(?P<digits>\d+)|第(?P<numeral>[〇零一二两兩三四五六七八九十百千]+)"
                     rf"|(?P<first>首)(?=[{FIRST_MEASURES}])")


@dataclass(frozen=True)
class Ordinal:
    value: int
    text: str
    start: int
    end: int

    @property
    def first(self) -> bool:
        """"first" or 首: also "for the first time", 首席… — a reading to doubt."""
        return self.value == 1 and not any(c.isdigit() for c in self.text)


def _english(match: re.Match[str]) -> int:
    groups = {k: v.lower() for k, v in match.groupdict().items() if v}
    if "digits" in groups:
        return int(groups["digits"])
    if "step" in groups:
        step = groups["step"]
        return int(step) if step.isdigit() else _CARDINALS[step]
    if "other" in groups:
        return {**_TEENS, **_TENTHS}[groups["other"]]
    return _TENS.get(groups.get("tens", ""), 0) + _ONES[groups["ones"]]


_FRACTION_BEFORE = re.compile(r"(?<![A-Za-z])(?:a|one)\s+$", re.IGNORECASE)
_FRACTION_AFTER = re.compile(r"\s+of(?![A-Za-z])", re.IGNORECASE)


def find(text: str, chinese: bool) -> list[Ordinal]:
    """Every ordinal of ``text`` (a text already blanked of periods and code)."""
    from pressctl.qa.words import numeral_value

    found = []
    for match in (CHINESE if chinese else ENGLISH).finditer(text):
        if not chinese and _FRACTION_BEFORE.search(text, 0, match.start()) \
                and _FRACTION_AFTER.match(text, match.end()):
            continue  # "a third of it" (三分之一) is a fraction: pressctl.qa.words reads it
        if not chinese:
            value = _english(match)
        elif match.group("digits"):
            value = int(match.group("digits"))
        elif match.group("numeral"):
            try:
                value = int(numeral_value(match.group("numeral")))
            except ValueError:
                continue
        else:
            value = 1
        found.append(Ordinal(value, match.group(), match.start(), match.end()))
    return found


__all__ = ["Ordinal", "find"]
