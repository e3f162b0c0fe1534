"""Figures written in words: "a quarter" is 四分之一, "doubled" is 翻番, "three plants" is 三家工厂.

Press releases write fractions, multiples and small counts in words in both
languages; a translation that turns "a quarter" into 一半 changes the story
as much as a wrong digit, and :mod:`pressctl.qa.numbers` (digits only)
cannot see it.  This module reads those words as values — a fraction
(0.25), a multiple (×2) or a count (3); :mod:`pressctl.qa.spelled` compares
them across the pair, and the numbers check leaves a count written in words on
one side to it.  A count may be a digit on the other side ("3 models"
= 三款车型), and a fraction a percentage (a quarter = 25%).

CLDR has no data for these words (its spell-out rules go the other way), so
the lists are here.  "One"/一 are left out: in both languages they are far
more often an article ("one of", 一个新时代) than a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from pressctl.core.lang import cldr_locale, is_unspaced
from pressctl.core.script import is_cjk_letter
from pressctl.qa.text import mask

FRACTION, MULTIPLE, COUNT = "fraction", "multiple", "count"
THIRD = Decimal(1) / Decimal(3)

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
#: English counts in words, two to ninety-nine ("one" is an article; see the module's doc).
WORDS = {**{w: v for w, v in _UNITS.items() if v > 1}, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19, **_TENS,
         **{f"{ten}-{unit}": tv + uv for ten, tv in _TENS.items() for unit, uv in _UNITS.items()}}
CJK_DIGITS = {"二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
MEASURE_WORDS = Path(__file__).with_name("data") / "measure-words.txt"
#: CLDR duration units that are not counts after a numeral: 三季 is the third quarter,
#: 二十一世紀 the 21st century (三个世纪 stays a count).
NOT_COUNTED = ("quarter",)
NOT_COUNTED_UNITS = ("世紀", "世纪")
SCALES = {"万亿": Decimal(10) ** 12, "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
SCALED_DECIMAL = re.compile(r"(.+点.+?)(万亿|万|亿)")


def _measure_words() -> str:
    """The classifiers of ``data/measure-words.txt`` (三家, 十二艘), one string of characters."""
    words = []
    for line in MEASURE_WORDS.read_text(encoding="utf-8").splitlines():
        words += line.partition("#")[0].split()
    return "".join(dict.fromkeys(words))


#: Measure words after which a Chinese numeral is a count (三家, 五款, 兩輛, 十二艘).
MEASURES = _measure_words()
#: Digits of a Chinese numeral written out (二十, 三点五, 二〇〇五), zero as 〇 or 零.
NUMERAL_DIGITS = {"〇": 0, "零": 0, "一": 1, **CJK_DIGITS}
NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000}
#: the digits alone (十 is in CJK_DIGITS as a count, but here it is a unit)
_DIGIT = "".join(d for d in NUMERAL_DIGITS if d not in NUMERAL_UNITS)
_UNIT = "".join(NUMERAL_UNITS)
_BIG = "万萬亿億"
#: Figures Chinese writes in numerals where English writes digits: a percentage
#: (百分之二十 = 20%, 百分之三点五, 百分之百, 百分之一万) and a year read digit by digit
#: (二〇〇五年).
NUMERALS = re.compile(rf"百分之(?P<percent>[{_DIGIT}{_UNIT}{_BIG}]+(?:[点點][{_DIGIT}]+)?)"
                      rf"|(?<![{_DIGIT}{_UNIT}])(?P<year>[一二][{_DIGIT}]{{3}})(?=年)")


@lru_cache(maxsize=1)
def time_units() -> tuple[str, ...]:
    """Chinese time units a count stands before (八分钟, 十六个小时, 三個月), from CLDR.

    Babel's unit patterns for zh and zh_Hant (``{0}分钟``, ``{0} 小時``) in every
    length; the per-unit forms (``{0}/天``, ``每{0}``) and :data:`NOT_COUNTED`
    are left out.  Longest first, so 秒钟 wins over 秒.
    """
    units: set[str] = set()
    for name in ("zh", "zh_Hant"):
        locale = cldr_locale(name)
        assert locale is not None, name  # CLDR's own locales
        patterns = locale._data["unit_patterns"]
        for key in patterns:
            kind = key.partition("-")[2]
            if not key.startswith("duration-") or kind.partition("-")[0] in NOT_COUNTED:
                continue
            for length in patterns[key]:
                forms = patterns[key][length]
                for plural in forms if hasattr(forms, "__iter__") else ():
                    pattern = forms[plural]
                    if not isinstance(pattern, str) or not pattern.startswith("{0}"):
                        continue
                    unit = pattern[3:].strip() or "-"
                    if all(map(is_cjk_letter, unit)) and unit not in NOT_COUNTED_UNITS:
                        units.add(unit)
    return tuple(sorted(units, key=len, reverse=True))


def _count_pattern() -> str:
    """A numeral (八, 十二, 三万) before a measure word or a CLDR time unit.

    A lone 一 is an article (一个新时代); a run of digits without 十/百/千/万
    is a year or a range (二〇〇五年, 三四天); 第 makes an ordinal, 几/数 a guess;
    周年 is an anniversary; 余/多 (三百余款, "more than three hundred") may stand between
    the numeral and its measure word.
    """
    units = "|".join(re.escape(u) + ("(?!年)" if u in ("周", "週") else "")
                     for u in time_units())
    return (rf"(?<![{_DIGIT}{_UNIT}{_BIG}点點第几幾数數])"
            rf"(?:(?=[{_DIGIT}{_UNIT}{_BIG}点點]*[{_UNIT}{_BIG}])[{_DIGIT}十][{_DIGIT}{_UNIT}{_BIG}点點]+"
            rf"|[二两兩三四五六七八九十])(?![{_DIGIT}{_UNIT}{_BIG}点點])(?=[余餘多]?(?:[{MEASURES}]|{units}))")


ENGLISH: tuple[tuple[str, Decimal, str], ...] = (
    # "the first three quarters" are periods, not 3/4.
    (r"(?<!first\s)(?<!last\s)(?<!past\s)(?<!next\s)three[\s-]quarters", Decimal("0.75"),
     FRACTION),
    (r"(?:a|one)[\s-]quarter(?![\s-]*(?:of\s+(?:the\s+)?)?(?:\d|results|sales))", Decimal("0.25"),
     FRACTION),
    (r"two[\s-]thirds", 2 * THIRD, FRACTION),
    (r"(?:one[\s-]third|a\s+third(?=\s+of|\s*[,.;:)]|\s*$))", THIRD, FRACTION),
    (r"(?<!first\s)(?<!second\s)(?<!first-)(?<!second-)half(?![\s-](?:year|of\s+(?:the\s+)?year))",
     Decimal("0.5"), FRACTION),
    (r"(?:doubl(?:e|ed|es|ing)|twice)", Decimal(2), MULTIPLE),
    # "three times larger" (三倍): a multiple, never a count of three
    (r"(?:tripl(?:e|ed|es|ing)|threefold|three-fold|three\s+times)", Decimal(3), MULTIPLE),
    (r"(?:tenfold|ten-fold|ten\s+times)", Decimal(10), MULTIPLE),
    # 十年: the next decade, a decade of research, a decade-long partnership
    (r"(?:a|one|next|past|last|coming)\s+decade(?!s)", Decimal(10), COUNT),
    # 一百多年: "more than a century"
    (r"(?:a|one|next|past|last|coming)\s+century(?!s)", Decimal(100), COUNT),
    # "a hundred and fifty years" (一百五十年) is one count of 150, not fifty
    (r"(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+and\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
     r"|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
     r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four"
     r"|five|six|seven|eight|nine))?",
     Decimal(0), COUNT),
    # "Year two" (第二年), "Phase three": an ordinal, which Chinese writes with 第
    (r"(?<!year\s)(?<!phase\s)(?<!stage\s)"
     r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four"
     r"|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
     r"|nineteen|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
     r"(?![\s-](?:times|fold))"
     # "twenty-first" is an ordinal (pressctl.qa.ordinals), not twenty
     r"(?![\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b)",
     Decimal(0), COUNT),
)
CHINESE: tuple[tuple[str, Decimal, str], ...] = (
    (r"四分之三", Decimal("0.75"), FRACTION),
    (r"四分之一", Decimal("0.25"), FRACTION),
    (r"三分之二", 2 * THIRD, FRACTION),
    (r"三分之一", THIRD, FRACTION),
    (r"(?:一半|半数|半數|过半|過半)", Decimal("0.5"), FRACTION),
    (r"(?:翻番|翻倍|翻了?一番|翻了一倍|两倍|兩倍|增长一倍|增長一倍)", Decimal(2), MULTIPLE),
    (r"(?:三倍)", Decimal(3), MULTIPLE),
    (r"(?:十倍)", Decimal(10), MULTIPLE),
    (_count_pattern(), Decimal(0), COUNT),
    (r"(?<=前)[二两兩三](?=季度?)", Decimal(0), COUNT),  # 前三季度: the first three quarters
)


@dataclass(frozen=True)
class Spelled:
    """A figure written in words: its value, kind and where it is."""

    kind: str
    value: Decimal
    text: str
    start: int
    end: int


@lru_cache(maxsize=8)
def _patterns(chinese: bool) -> tuple[tuple[re.Pattern[str], Decimal, str], ...]:
    table = CHINESE if chinese else ENGLISH
    edge = ("", "") if chinese else (r"(?<![A-Za-z])", r"(?![A-Za-z])")
    return tuple((re.compile(edge[0] + p + edge[1], re.IGNORECASE), v, k) for p, v, k in table)


@lru_cache(maxsize=1024)
def read(text: str, locale: str, flags: tuple[str, ...] = ()) -> tuple[Spelled, ...]:
    """Every spelled-out figure of ``text``, in reading order, without overlaps."""
    chinese = is_unspaced(locale)
    chars = list(mask(text, flags))
    found: list[Spelled] = []
    for pattern, value, kind in _patterns(chinese):
        for match in pattern.finditer("".join(chars)):
            word, figure = match.group(0), value
            if kind == COUNT and value == 0:  # the value is the word's own
                try:
                    figure = numeral_value(word) if chinese else english_value(word)
                except ValueError:  # 五六十 (fifty or sixty): no one value
                    continue
            found.append(Spelled(kind, figure, text[match.start():match.end()], match.start(),
                                 match.end()))
            chars[match.start():match.end()] = " " * (match.end() - match.start())
    return tuple(sorted(found, key=lambda s: s.start))


def english_value(words: str) -> Decimal:
    """An English count in words: "twelve" = 12, "a hundred and fifty" = 150."""
    head, hundred, rest = re.sub(r"\s+", " ", words.lower()).partition("hundred")
    if not hundred:
        return Decimal(WORDS[head])
    hundreds = 1 if head.strip() in ("a", "one") else WORDS[head.strip()]
    tail = rest.removeprefix(" and ").strip()
    return Decimal(100 * hundreds + (_UNITS.get(tail) or WORDS.get(tail, 0)))


def numeral_value(numeral: str) -> Decimal:
    """A Chinese numeral as a value: 二十 = 20, 三点五 = 3.5, 百 = 100, 二〇〇五 = 2005.

    Read by ``cn2an`` (imported here: it takes half a second to load, and most
    texts have no numeral); a bare 百 or 千 (百分之百) is one hundred, one thousand.
    """
    import cn2an

    text = numeral.replace("點", "点").replace("萬", "万").replace("億", "亿").replace("兩", "两")
    if text[0] in "百千万亿":
        text = "一" + text
    scaled = SCALED_DECIMAL.fullmatch(text)  # 三点五万: cn2an reads no decimal before 万
    if scaled:
        return numeral_value(scaled.group(1)) * SCALES[scaled.group(2)]
    return Decimal(str(cn2an.cn2an(text, "normal")))


def numerals(text: str) -> list[tuple[Decimal, int, int]]:
    """Percentages and years written in Chinese numerals: (value, start, end) of the
    numeral itself, so that 百分之 stays before it as the percent sign (as 百分之20 reads)."""
    found = []
    for match in NUMERALS.finditer(text):
        group = "percent" if match.group("percent") else "year"
        found.append((numeral_value(match.group(group)), match.start(group), match.end(group)))
    return found
