"""Figures read as amounts: value and scale, currency, unit, qualifier and trend direction.

:mod:`pressctl.qa.numbers` proves the digits survived; a financial editor
also reads what they are: "over €142.38 billion, up 17.1%" is a lower bound
in euros and a rise.  This module reads every figure of a text that way, in
English or Chinese (Simplified or Traditional, whichever side is which), and
pairs the figures of a source and its translation by value, so that the
``currency``, ``units``, ``qualifiers`` and ``trend`` checks (one module
each) only compare attributes of the same figure.  Figures that do not pair
are the numbers check's business, not theirs.

Currency names and symbols come from CLDR through Babel, for English and
for zh_Hans, zh_Hant, zh_Hant_HK and zh_Hant_TW: a symbol that means two
currencies in two locales ("$" is USD in English, TWD in Taiwan; "¥" CNY or
JPY) stands for either.  Unit words come from CLDR's unit patterns (km,
公里, kWh, 千瓦时, 千瓦小時, GW, 吉瓦 …).  What CLDR lacks is listed here:
the press's own currency words (RMB, renminbi, yuan, 港币, 新臺幣, bare 元),
percentages and percentage points, tonnes, qualifiers and direction words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from pressctl.core.lang import cldr_locale, is_unspaced
from pressctl.core.script import has_cjk_letters
from pressctl.qa.base import Pair
from pressctl.qa.numbers import extract
from pressctl.qa.words import MEASURES
from pressctl.qa.words import read as read_spelled

APPROXIMATE_SUFFIX = re.compile(r"\d[多余餘]")

CURRENCIES = ("EUR", "USD", "CNY", "HKD", "TWD", "GBP", "JPY")
CLDR_LOCALES = ("en", "en_HK", "zh_Hans", "zh_Hant", "zh_Hant_HK", "zh_Hant_TW")
#: What press releases write that CLDR does not list.
EXTRA_CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "euro": ("EUR",), "euros": ("EUR",), "eur": ("EUR",),
    "dollar": ("USD", "HKD", "TWD"), "dollars": ("USD", "HKD", "TWD"),
    "us dollars": ("USD",), "us dollar": ("USD",), "usd": ("USD",),
    "rmb": ("CNY",), "renminbi": ("CNY",), "yuan": ("CNY",), "cny": ("CNY",),
    "hk dollars": ("HKD",), "hkd": ("HKD",), "nt dollars": ("TWD",), "twd": ("TWD",),
    "pounds": ("GBP",), "pound sterling": ("GBP",), "sterling": ("GBP",), "gbp": ("GBP",),
    "yen": ("JPY",), "jpy": ("JPY",),
    "港币": ("HKD",), "港幣": ("HKD",), "港元": ("HKD",), "新臺幣": ("TWD",), "台币": ("TWD",),
    "臺幣": ("TWD",), "台幣": ("TWD",), "日圆": ("JPY",), "英镑": ("GBP",),
    # 元 alone is the unit of the yuan, the NT dollar and (in Hong Kong) the HK dollar.
    "元": ("CNY", "TWD", "HKD"), "元人民币": ("CNY",), "元人民幣": ("CNY",),
}
#: Unit keys whose names and symbols CLDR has, per language.
CLDR_UNITS = ("length-kilometer", "energy-kilowatt-hour", "energy-gigawatt-hour",
              "power-kilowatt", "power-megawatt", "power-gigawatt", "mass-tonne",
              "mass-kilogram")
EXTRA_UNITS: dict[str, str] = {
    # CLDR's English says "kilometers"; British releases write "kilometres"
    "kilometres": "length-kilometer", "kilometre": "length-kilometer",
    "percentage points": "pp", "percentage point": "pp", "pp": "pp", "ppt": "pp",
    "个百分点": "pp", "個百分點": "pp", "百分点": "pp", "百分點": "pp",
    "per cent": "%", "percent": "%", "%": "%",
    "tonnes": "mass-tonne", "tonne": "mass-tonne", "tons": "mass-tonne", "吨": "mass-tonne",
    "噸": "mass-tonne", "gwh": "energy-gigawatt-hour", "gigawatt-hours": "energy-gigawatt-hour",
    "吉瓦时": "energy-gigawatt-hour", "吉瓦時": "energy-gigawatt-hour",
    "千瓦時": "energy-kilowatt-hour",
}
UNIT_NAMES = {"pp": "percentage points", "%": "%"}

#: Qualifier word → the kinds of bound it can mean; one kind is unambiguous.
OVER, ABOUT, NEARLY, UP_TO, AT_LEAST, UNDER = ("over", "about", "nearly", "up to", "at least",
                                               "under")
ENGLISH_QUALIFIERS: dict[str, frozenset[str]] = {
    **{w: frozenset({OVER}) for w in ("over", "more than", "exceeding", "above",
                                      "in excess of", "upwards of", "exceeded", "exceeds",
                                      "surpassed", "topped", "exceed", "surpass")},
    **{w: frozenset({ABOUT}) for w in ("about", "approximately", "around", "roughly",
                                       "approx.", "some", "an estimated")},
    **{w: frozenset({NEARLY}) for w in ("nearly", "almost", "close to", "just under")},
    **{w: frozenset({UP_TO}) for w in ("up to", "as much as", "as many as", "at most")},
    **{w: frozenset({AT_LEAST}) for w in ("at least", "no fewer than", "no less than")},
    **{w: frozenset({UNDER}) for w in ("less than", "fewer than", "under", "below")},
}
ENGLISH_AFTER: dict[str, frozenset[str]] = {"or more": frozenset({OVER, AT_LEAST}),
                                            "plus": frozenset({OVER})}
CHINESE_QUALIFIERS: dict[str, frozenset[str]] = {
    **{w: frozenset({OVER}) for w in ("超过", "超過", "逾", "多于", "多於", "高于", "高於", "超",
                                      "突破")},
    **{w: frozenset({ABOUT}) for w in ("约", "約", "大约", "大約", "大概")},
    **{w: frozenset({ABOUT, NEARLY}) for w in ("近",)},
    **{w: frozenset({NEARLY}) for w in ("将近", "將近", "接近", "近乎")},
    # 最高 and 最多 are the ceiling of a refund, a fine, a discount: "up to"
    **{w: frozenset({UP_TO}) for w in ("最多", "多达", "多達", "最高", "上限")},
    # 高达 is "as much as" but is also used for emphasis alone.
    **{w: frozenset({UP_TO, OVER, ""}) for w in ("高达", "高達")},
    **{w: frozenset({AT_LEAST}) for w in ("至少", "不少于", "不少於", "不低于", "不低於")},
    **{w: frozenset({UNDER}) for w in ("不到", "不足", "少于", "少於", "低于", "低於")},
}
CHINESE_AFTER: dict[str, frozenset[str]] = {
    "以上": frozenset({OVER, AT_LEAST}), "多": frozenset({OVER}), "余": frozenset({OVER}),
    "餘": frozenset({OVER}), "左右": frozenset({ABOUT}), "上下": frozenset({ABOUT}),
    "以下": frozenset({UNDER, UP_TO}), "以内": frozenset({UNDER, UP_TO}),
    "以內": frozenset({UNDER, UP_TO}),
}

#: Verbs a Chinese qualifier may stand before, ahead of its figure (约占, 约为, 超过…达).
#: 可达 (最高可达480千瓦: "up to 480 kW") is "can reach", a verb of two characters.
VERBS = "可达|可達|占|佔|为|為|合|达|達|有|是|计|計"

UP, DOWN = "up", "down"
#: "up"/"down" count only right before their figure ("up 17.1%"), and "up" not after the
#: verbs of "set up", "signed up", "ended up" ….
ENGLISH_TRENDS = (
    (UP, r"increas(?:e|ed|es|ing)|r(?:ise|ose|isen|ises|ising)|gr(?:ow|ew|own|ows|owing|owth)"
         r"|gain(?:s|ed)?|climb(?:s|ed)?|jump(?:s|ed)?|surg(?:e|ed|es)"
         r"|(?<!set\s)(?<!sets\s)(?<!signed\s)(?<!made\s)(?<!ended\s)(?<!end\s)(?<!took\s)"
         r"(?<!picked\s)(?<!backed\s)(?<!lined\s)up(?=\s+(?:by\s+)?$)|higher"
         r"|improv(?:e|ed|es|ing|ement)|expand(?:s|ed)?"),
    (DOWN, r"decreas(?:e|ed|es|ing)|f(?:all|ell|allen|alls|alling)|declin(?:e|ed|es|ing)"
           r"|drop(?:s|ped)?|down(?=\s+(?:by\s+)?$)|lower|shr(?:ink|ank|unk)|slump(?:s|ed)?"
           r"|reduc(?:e|ed|es|tion)|cut(?:s)?"),
)
#: Comparatives right after a figure: "25% more than in 2025" (增长25%), "10% lower".
ENGLISH_AFTER_TRENDS = ((UP, r"more|higher|greater|larger"), (DOWN, r"less|fewer|lower|smaller"))
#: A comparison with 比: "比旧车辆段少85%" is "85% less than the old depot", 比去年高出12%
#: "12% higher" (少, 多, 低 and 高 alone are too common to read as a direction: 最高 is
#: "up to", 多款 "several models").
_COMPARED = r"比[^，。；：,;:！？]{1,20}?"
_COMPARATIVE = re.compile("|".join(p for _, p in ENGLISH_AFTER_TRENDS), re.IGNORECASE)
CHINESE_TRENDS = (
    # 成长/成長 and 衰退 are how Taiwan's press writes growth and decline.
    (UP, r"增长|增長|增加|上升|提高|上涨|上漲|提升|增幅|涨幅|漲幅|攀升|成长|成長|增"
         rf"|{_COMPARED}(?:多|高)出?"),
    (DOWN, r"下降|减少|減少|下滑|降低|下跌|回落|降幅|跌幅|衰退|减|減|降|跌"
           rf"|{_COMPARED}(?:少|低)"),
)
#: What may stand between a direction word and its figure for the pair to be unambiguous.
ENGLISH_GAP = re.compile(r"^\s*(?:(?:by|of|to)\s+)?(?:a\s+|an\s+)?(?:\w+\s+){0,1}$")
CHINESE_GAP = re.compile(r"^(?:了|至|到|为|為|达|達|近|约|約|超过|超過){0,2}$")
LEVEL = re.compile(r"^(?:\s*to\s|[至到])", re.IGNORECASE)
RANGE = re.compile(r"\s*(?:至|到|~|～|-|–|—|to|and)\s*", re.IGNORECASE)
CLAUSE = re.compile(r"[,;:.!?，；：。！？、\n]")


@dataclass(frozen=True)
class Amount:
    """One figure and what a reader takes from the words around it."""

    kind: str  # "number", or a spelled-out "fraction", "multiple", "count"
    value: Decimal
    text: str  # the figure with its currency, qualifier and unit, as written
    currencies: frozenset[str]  # ISO codes it may be; empty: no currency
    currency: str  # the currency as written
    unit: str  # canonical unit ("%", "pp", CLDR key) or ""
    unit_text: str
    qualifier: frozenset[str]  # kinds of bound; empty: none
    qualifier_text: str
    direction: str  # "up", "down" or ""
    direction_text: str
    direction_close: bool  # the direction word governs this figure unambiguously
    after: str  # the text right after the figure (for counters)
    span: tuple[int, int] = (0, 0)  # where ``text`` is in the sentence
    #: the direction word leads to a level, not a change: 增至6艘, "rose to 6"
    direction_level: bool = False


@lru_cache(maxsize=16)
def currency_words(chinese: bool) -> dict[str, frozenset[str]]:
    """Currency name or symbol (lower case) → ISO codes, from CLDR plus the press's words."""
    from babel.numbers import get_currency_name

    words: dict[str, set[str]] = {}
    for name in CLDR_LOCALES:
        locale = cldr_locale(name)
        assert locale is not None, name  # CLDR_LOCALES are CLDR's
        for code in CURRENCIES:
            found = {locale.currency_symbols.get(code, ""), locale.currencies.get(code, "")}
            if name == "en":
                found |= {get_currency_name(code, count=n, locale="en") for n in (1, 2)}
            for word in found:
                if word and word != code and (chinese or not has_cjk_letters(word)):
                    words.setdefault(word.lower(), set()).add(code)
    for word, codes in EXTRA_CURRENCY_WORDS.items():
        if chinese != word.isascii():
            words.setdefault(word, set()).update(codes)
    for code in CURRENCIES:
        words.setdefault(code.lower(), set()).add(code)
    return {w: frozenset(c) for w, c in words.items()}


@lru_cache(maxsize=16)
def unit_words(chinese: bool) -> dict[str, str]:
    """Unit word or symbol (lower case) → unit key, from CLDR's unit patterns plus percentages."""
    from babel.units import format_unit

    words: dict[str, str] = {}
    for locale in (("zh_Hans", "zh_Hant") if chinese else ("en",)):
        for key in CLDR_UNITS:
            for length in ("long", "short", "narrow"):
                for count in (1, 5):
                    try:
                        text = format_unit(count, key, length, locale=locale)
                    except Exception:  # noqa: BLE001 — a unit this CLDR lacks
                        continue
                    word = text.replace(str(count), "").strip().lower()
                    if word and word not in ("t",):  # "5 t" is too short to trust
                        words.setdefault(word, key)
    for word, key in EXTRA_UNITS.items():
        if chinese != word.isascii() or word == "%":
            words.setdefault(word, key)
    return words


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore


@lru_cache(maxsize=8)
def _regexes(chinese: bool) -> dict[str, re.Pattern[str]]:
    currencies = _alternation(currency_words(chinese))
    units = _alternation(unit_words(chinese))
    if chinese:
        qualifiers = _alternation(CHINESE_QUALIFIERS)
        return {
            "currency_before": re.compile(rf"(?:{currencies})\s*$", re.IGNORECASE),
            "currency_after": re.compile(rf"^\s*(?:{currencies})", re.IGNORECASE),
            "unit_before": re.compile(r"百分之\s*$"),
            "unit_after": re.compile(rf"^\s*(?:{units})", re.IGNORECASE),
            # 约占营收的6.4%: Chinese puts the qualifier before the verb.
            # 接近营收的7.4%: or before a noun and its 的.
            "qualifier_before": re.compile(rf"(?P<q>{qualifiers})(?:(?:{VERBS})"
                                           r"[^\d，。；、,;]{0,15}|[^\d，。；、,;]{0,12}的)?\s*$"),
            # 300家左右, 100辆以上: the measure word may come first.
            "qualifier_after": re.compile(rf"^\s*(?:[{MEASURES}](?=左右|以上|上下|以下|以内|以內))?"
                                          rf"(?P<q>{_alternation(CHINESE_AFTER)})"),
        }
    qualifiers = _alternation(ENGLISH_QUALIFIERS)
    return {
        "currency_before": re.compile(rf"(?<![A-Za-z])(?:{currencies})\s?$", re.IGNORECASE),
        "currency_after": re.compile(rf"^\s*(?:{currencies})(?![A-Za-z])", re.IGNORECASE),
        "unit_before": re.compile(r"(?!x)x"),
        "unit_after": re.compile(rf"^\s*(?:{units})(?![A-Za-z])", re.IGNORECASE),
        "qualifier_before": re.compile(rf"(?<![A-Za-z])(?P<q>{qualifiers})\s+$",
                                       re.IGNORECASE),
        "qualifier_after": re.compile(rf"^\s*(?P<q>{_alternation(ENGLISH_AFTER)})(?![A-Za-z])",
                                      re.IGNORECASE),
    }


@lru_cache(maxsize=8)
def _trends(chinese: bool, after: bool = False) -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = CHINESE_TRENDS if chinese else (*ENGLISH_TRENDS, *ENGLISH_AFTER_TRENDS) if after \
        else ENGLISH_TRENDS
    edge = ("", "") if chinese else (r"(?<![A-Za-z])(?:", r")(?![A-Za-z])")
    return tuple((d, re.compile(edge[0] + p + edge[1], re.IGNORECASE)) for d, p in table)


def _figures(text: str, locale: str, flags: tuple[str, ...]) -> list[tuple[str, Decimal, int,
                                                                            int]]:
    figures = [("number", Decimal(n.value), n.start, n.start + len(n.text))  # type: ignore
               for n in extract(text, locale, flags) if n.kind == "number"]
    figures += [(s.kind, s.value, s.start, s.end) for s in read_spelled(text, locale, flags)]
    return sorted(figures, key=lambda f: f[2])


def _direction(text: str, start: int, end: int,
               chinese: bool) -> tuple[str, str, bool, bool]:
    """The nearest direction word in the figure's clause, whether it is right by it, and
    whether it leads to a level (增至, "rose to") rather than a change."""
    clause_start = max((m.end() for m in CLAUSE.finditer(text, 0, start)
                        if not (m.group() == "." and text[m.start() + 1:m.start() + 2].isdigit())),
                       default=0)
    before = text[clause_start:start]
    best: tuple[int, str, str] | None = None
    for direction, pattern in _trends(chinese):
        for match in pattern.finditer(before):
            if best is None or match.end() > best[0]:
                best = (match.end(), direction, match.group())
    after = text[end:end + 25]
    stop = CLAUSE.search(after)
    after = after[:stop.start()] if stop else after
    for direction, pattern in () if chinese else _trends(chinese, after=True):
        following = pattern.match(after.lstrip(" %"))
        if following:  # "a 5% increase", "25% more than"
            return direction, following.group(), True, False
    if best is None:
        return "", "", False, False
    gap = before[best[0]:]
    close = (CHINESE_GAP if chinese else ENGLISH_GAP).match(gap) is not None
    level = LEVEL.match(gap) is not None
    return best[1], best[2], close, level


@lru_cache(maxsize=2048)
def read(text: str, locale: str, flags: tuple[str, ...] = ()) -> tuple[Amount, ...]:
    """Every figure of ``text`` as an amount, in reading order."""
    chinese = is_unspaced(locale)
    regexes = _regexes(chinese)
    currencies = currency_words(chinese)
    units = unit_words(chinese)
    qualifiers = CHINESE_QUALIFIERS if chinese else ENGLISH_QUALIFIERS
    after_qualifiers = CHINESE_AFTER if chinese else ENGLISH_AFTER
    amounts: list[Amount] = []
    for kind, value, start, end in _figures(text, locale, flags):
        left, right = start, end
        before, after = text[max(0, start - 30):start], text[end:end + 30]
        currency = ""
        codes: frozenset[str] = frozenset()
        found = regexes["currency_before"].search(before)
        if found:
            currency = found.group().strip()
            left -= len(found.group())
            before = before[:len(before) - len(found.group())]
        found = regexes["currency_after"].match(after)
        if found and (not currency or chinese):  # 1423.8亿欧元; 人民币100亿元 reads once
            currency = currency or found.group().strip()
            right += len(found.group())
        if currency:
            codes = currencies.get(currency.lower(), frozenset())
        unit, unit_text = "", ""
        found = regexes["unit_after"].match(text[right:right + 30])
        if found:
            unit_text = found.group().strip()
            unit = units.get(unit_text.lower(), "")
            right += len(found.group())
        found = regexes["unit_before"].search(text[max(0, left - 10):left])
        if found:
            unit, unit_text = "%", found.group().strip()
            left -= len(found.group())
        qualifier_text = ""
        qualifier: frozenset[str] = frozenset()
        found = regexes["qualifier_before"].search(text[max(0, left - 20):left])
        if found:
            qualifier_text = found.group("q")
            qualifier = qualifiers.get(qualifier_text.lower(), frozenset())
            left -= len(found.group())
        figure = text[start:end]
        if chinese and APPROXIMATE_SUFFIX.search(figure):
            qualifier, qualifier_text = qualifier | {OVER}, qualifier_text or "多"
        found = regexes["qualifier_after"].match(text[right:right + 10])
        if found and not (chinese and found.group("q") in "多余餘" and not currency
                          and not unit):
            qualifier = qualifier | after_qualifiers[found.group("q").lower()]
            qualifier_text = (qualifier_text + " … " if qualifier_text else "") \
                + found.group("q")
            right += len(found.group())
        if chinese and figure[0] in "过過":  # 过半: over half
            qualifier, qualifier_text = qualifier | {OVER}, qualifier_text or figure[0]
        direction, direction_text, close, level = _direction(text, left, right, chinese)
        if kind == "multiple" and _COMPARATIVE.fullmatch(direction_text):
            # "three times larger" is the multiple itself (是…的三倍), not a change
            direction, direction_text, close = "", "", False
        amounts.append(Amount(kind, value, text[left:right].strip(), codes, currency, unit,
                              unit_text, qualifier, qualifier_text, direction, direction_text,
                              close, text[right:right + 12], (left, right), level))
    return _ranges(text, amounts)


def _ranges(text: str, amounts: list[Amount]) -> tuple[Amount, ...]:
    """"520亿至560亿美元", "RMB 30 to 35 billion": the first end shares the second's currency
    and unit."""
    shared = list(amounts)
    for index in range(len(shared) - 2, -1, -1):
        first, second = shared[index], shared[index + 1]
        between = text[first.span[1]:second.span[0]]
        if RANGE.fullmatch(between) is None or not second.value or \
                not Decimal("0.1") <= first.value / second.value <= 10:
            continue  # not a range: a range's ends are of one size
        # "增长12.4%至856亿元" is a rise to a new figure, not a range: share only what
        # the first end lacks when the rest of the two ends agree.
        if not first.currencies and second.currencies and first.unit == second.unit:
            first = replace(first, currencies=second.currencies, currency=second.currency)
        elif not first.unit and second.unit and first.currencies == second.currencies:
            first = replace(first, unit=second.unit, unit_text=second.unit_text)
        shared[index] = first
    return tuple(shared)


@lru_cache(maxsize=1024)
def pairs(pair: Pair) -> tuple[tuple[Amount, Amount], ...]:
    """Source and target amounts of the same value, in reading order.

    A value that occurs on one side only is left to the numbers check.
    Values compare after scaling (142.38 billion = 1423.8亿); a count
    spelt in words pairs with the same count in digits.
    """
    source = read(pair.source, pair.source_locale, pair.flags)
    target = read(pair.target, pair.target_locale, pair.flags)
    matched = []
    used: set[int] = set()
    for amount in source:
        for index, other in enumerate(target):
            if index in used or other.value != amount.value or not _same_kind(amount, other):
                continue
            used.add(index)
            matched.append((amount, other))
            break
    return tuple(matched)


def _same_kind(a: Amount, b: Amount) -> bool:
    numeric = {"number", "count"}
    return a.kind == b.kind or {a.kind, b.kind} <= numeric


def is_year(amount: Amount) -> bool:
    """2023年: "grew 5% over 2023", "in the fall of 2025" name a year, not an amount."""
    return 1900 <= amount.value <= 2100 and amount.value == amount.value.to_integral_value() \
        and amount.after.lstrip().startswith(("年", "财年", "財年"))


def quantities(pair: Pair) -> Iterator[tuple[Amount, Amount, str]]:
    """The paired amounts a qualifier or a direction word can govern (not counts, not
    years), with how a message names them ("over 3 million vs 超过300万")."""
    for source, target in pairs(pair):
        if source.kind == "count" or is_year(source) or is_year(target):
            continue
        yield source, target, f"{source.text} vs {target.text}"


def describe_unit(amount: Amount) -> str:
    return UNIT_NAMES.get(amount.unit, amount.unit.split("-", 1)[-1]) if amount.unit else "none"
