"""What both formats decide alike about a table from the seed: each column's
alignment and its share of the text width.

GFM's delimiter row (``:---``, ``:---:``, ``---:``) sets a column's alignment;
a column left unmarked whose cells are all figures (``12,000``, ``95%``,
``€40``, ``500 km``, ``1423.8亿``) is right-aligned so that digits line up,
as in a newspaper's figures table.  Widths follow the text each column holds
(the way browsers size an automatic table): columns that need less than an
equal share keep their natural width and the rest of the measure goes to the
wide ones in proportion to their text, so cells wrap rather than overflow.

An amount, a date and a figure with its unit are read as one thing in a results
table ("€2.61 billion", "4.55亿欧元", "Q4 2025", "第四季度"): :func:`kept` finds
them, a column is never narrower than the widest of them, and the renderers keep
each whole on its line (:func:`keep_whole`).  A line breaks only between them
("2025年 / 第四季度"), never inside ("4.55亿 / 欧元", "€2.61 bil-lion").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from pressctl.core.lang import cldr_locale
from pressctl.core.script import CJK_CLASS, ems
from pressctl.source.inline import plain
from pressctl.source.release import Block

_FIGURE = re.compile(r"^[-+−]?[€$£¥]?\s?\d[\d.,\s]*(?:\s?[%‰]|\s?[^\W\d_]{1,4})?$")


def is_figure(cell: str) -> bool:
    """A cell that is a figure: a number with a sign, currency, per cent or a short unit,
    or one amount written out (:func:`kept`: "900 million kWh", "€2.61 billion")."""
    text = plain(cell).strip()
    return bool(_FIGURE.match(text)) or ([(0, len(text))] == kept(text)
                                         and not _date_or_period().fullmatch(text))


def alignments(block: Block) -> list[str]:
    """Each column's alignment: as marked, else right for figures, else left."""
    columns = len(block.rows[0]) if block.rows else 0
    out = []
    for index in range(columns):
        marked = block.align[index] if index < len(block.align) else ""
        if marked in ("left", "center", "right"):
            out.append(marked)
            continue
        body = [row[index] for row in block.rows[1:] if index < len(row) and row[index]]
        out.append("right" if body and all(is_figure(cell) for cell in body) else "left")
    return out


#: The average advance of a Latin character of cell text, in ems.
CELL_LATIN_EMS = 0.55


def _ems(text: str) -> float:
    """Width of ``text`` in ems, roughly: a wide (CJK) character is one em, others half."""
    return ems(plain(text), CELL_LATIN_EMS)


#: A cell's padding on both sides together, in ems (6 pt each side at 9.5 pt).
PADDING_EMS = 1.4
_UNIT = re.compile(f"[^\\s{CJK_CLASS}]+|\\S")


#: A cell's width in ems: (text, is it a header cell) → ems.
Measure = Callable[[str, bool], float]
#: The pieces a word may be broken into with a hyphen (``Dis-``, ``tance``), by a dictionary.
Hyphenate = Callable[[str], list[str]]


#: Scale words and unit symbols that belong to the number before them ("2.61 billion",
#: "2,800 kWh"): the scales CLDR's compact decimal formats spell out in English, the
#: SI units a results release uses, percentage points and basis points.
_SCALES = "thousand|million|billion|trillion|bn|mn|tn"
_UNITS = "kWh|MWh|GWh|TWh|kW|MW|GW|km|kg|t|m|cm|mm|ha|m²|km²|GB|TB|pp|bps|x"
_MONTHS = ("(?:January|February|March|April|May|June|July|August|September|October|"
           "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?")
_NUMBER = r"[-+−]?\d[\d,.]*"
#: What a line never breaks inside, in Latin text: an amount with its currency and scale
#: (EUR 2.61 billion, €455 million, 2.61 billion euros), a figure with its unit (2,800
#: kWh, 12.4 %), a date (29 October 2026, October 29, 2026) and a period (Q4 2025, H1
#: 2026, FY 2025).
_LATIN = (
    rf"\b(?:Q[1-4]|H[12]|FY|9M|[1-4]Q)\s?\d{{2,4}}\b"
    rf"|\b\d{{1,2}}\s{_MONTHS}(?:\s\d{{4}})?\b"
    rf"|\b{_MONTHS}\s\d{{1,2}}(?:,\s\d{{4}})?\b"
    rf"|(?:\b[A-Z]{{3}}\s)?[€$£¥₩₹]?{_NUMBER}(?:\s?[%‰])?(?:\s(?:{_SCALES})\b)?"
    rf"(?:\s(?:euros?|dollars?|yuan|renminbi|pounds?|[A-Z]{{3}}|{_UNITS})\b)?"
)
#: In Chinese: a number with its scale and currency (4.55亿欧元, 12.7亿元人民币, 3亿), and a
#: period (第四季度, 三季度, 上半年, 10月29日).  "2025年第四季度" may break after 年.
_CHINESE = (
    r"第[〇零一二三四五六七八九十百\d]+(?:季度|个月|年度|季|月|周|年|期|届|次|批)"
    r"|[一二三四]季度|[上下]半年|\d{1,2}月\d{1,2}日"
    r"|[€$£¥]?{number}\s?(?:[百千万亿兆]+元?(?:{currencies})?|元?(?:{currencies})|元)"
)


@lru_cache(maxsize=1)
def _date_or_period() -> re.Pattern[str]:
    """A date or a period: kept whole, but a label of its row, not a figure to align."""
    return re.compile(rf"(?:Q[1-4]|H[12]|FY|9M|[1-4]Q)\s?\d{{2,4}}|\d{{1,2}}\s{_MONTHS}"
                      rf"(?:\s\d{{4}})?|{_MONTHS}\s\d{{1,2}}(?:,\s\d{{4}})?"
                      r"|\d{1,2}月\d{1,2}日")


@lru_cache(maxsize=1)
def _kept() -> re.Pattern[str]:
    """The pattern of :func:`kept`; Chinese currency names from CLDR (Babel), in both
    scripts (欧元, 人民币, 港元, 新台幣 …), longest first."""
    names = {name for tag in ("zh", "zh-Hant") for locale in [cldr_locale(tag)] if locale
             for name in locale.currencies.values()
             if name and all(ord(char) > 0x2e80 for char in name)}
    currencies = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    chinese = _CHINESE.replace("{number}", _NUMBER).replace("{currencies}", currencies)
    return re.compile(f"{chinese}|{_LATIN}")


def kept(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an amount, a date or a figure with its unit, as (start, end):
    the stretches a line may not break inside (only those of two pieces or more)."""
    return [m.span() for m in _kept().finditer(text)
            if len(_UNIT.findall(m.group())) > 1]


#: What joins the pieces of a kept stretch: a no-break space between Latin words, a
#: word joiner (U+2060, zero width) between Chinese characters.
NBSP, JOINER = "\u00a0", "\u2060"


def keep_whole(text: str, joiner: bool = False) -> str:
    """``text`` with the spaces inside each kept stretch made no-break spaces and, with
    ``joiner``, a word joiner between its Chinese characters (for a line breaker that
    honours U+2060: the PDF's; Word's and LibreOffice's get the no-break spaces)."""
    out, position = [], 0
    for start, end in kept(text):
        out.append(text[position:start])
        piece = text[start:end].replace(" ", NBSP)
        if joiner:
            piece = re.sub(f"(?<=[{CJK_CLASS}])(?=\\S)|(?<=\\S)(?=[{CJK_CLASS}])", JOINER, piece)
        out.append(piece)
        position = end
    out.append(text[position:])
    return "".join(out)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` as the pieces a line may break between: (piece, is it a kept stretch)."""
    out: list[tuple[str, bool]] = []
    position = 0
    for start, end in kept(text):
        out += [(unit, False) for unit in _UNIT.findall(text[position:start])]
        out.append((text[start:end], True))
        position = end
    return out + [(unit, False) for unit in _UNIT.findall(text[position:])]


def _estimate(text: str, header: bool) -> float:
    return _ems(text) * (1.1 if header else 1.0)  # the header is bold: a tenth wider


def kept_ems(block: Block, column: int, measure: Measure = _estimate) -> float:
    """The width in ems of the widest amount, date or figure with its unit in ``column``
    (0 when it has none): whether a renderer may keep them whole at its width."""
    return max((measure(text[start:end], number == 0)
                for number, row in enumerate(block.rows) if column < len(row)
                for text in [plain(row[column])] for start, end in kept(text)), default=0.0)


def _min_ems(text: str, header: bool = False, measure: Measure = _estimate,
             hyphenate: Hyphenate | None = None, whole: bool = True,
             headings: bool = False) -> float:
    """The widest piece a line may not break: an amount, date or figure with its unit
    (:func:`kept`; with ``whole`` False, its widest word, never hyphenated, or one
    Chinese character), a Latin word (or, where a dictionary hyphenates it, its
    widest syllable run with the hyphen), or one ideograph.  With ``headings``, a
    header cell's words stay whole: a Latin word is not hyphenated ("Dis-/tance")
    and a short Chinese heading (:data:`HEADER_WORD`) is one word."""
    widths = []
    for index, (unit, figure) in enumerate(_pieces(plain(text))):
        if figure:  # split, an amount breaks at its spaces and between Chinese characters
            widths += [measure(part, header) for part in ([unit] if whole else
                                                          _UNIT.findall(unit))]
            continue
        # reportlab hyphenates a word that starts its paragraph; a later word that starts
        # a line is cut bare when too long, so it needs its whole width
        parts = (hyphenate(unit) if hyphenate and index == 0 and any(c.isalpha() for c in unit)
                 and not (header and headings) else [unit])
        if len(parts) > 1:
            widths.append(max(measure(part + "-", header) for part in parts[:-1]))
            widths.append(measure(parts[-1], header))
        else:
            widths.append(measure(unit, header))
    if header and headings:  # a short Chinese heading is one word: "毛利率", not "毛利 / 率"
        widths += [measure(word, header) for word in _HEADER_WORD.findall(plain(text))
                   if len(word) <= HEADER_WORD]
    return max(widths, default=0.0)


#: A run of Chinese characters this short in a header cell is kept on one line when the
#: table has room: Chinese has no spaces to tell a word, and a column heading such as
#: 毛利率 or 营业利润 is one term; a longer heading may break between its characters.
HEADER_WORD = 4
_HEADER_WORD = re.compile(f"[{CJK_CLASS}]+")


def shares(block: Block, width_ems: float, measure: Measure = _estimate,
           hyphenate: Hyphenate | None = None, padding: float = PADDING_EMS) -> list[float]:
    """Each column's share of a table ``width_ems`` wide (the shares sum to 1).

    As browsers lay out an automatic table: every column gets at least its
    widest unbreakable piece and at most its longest cell on one line; the room
    between is shared in proportion to what each column could still use.
    ``measure`` gives a text's width in ems (the PDF measures with the font
    itself; the default estimates), ``padding`` a cell's two paddings in ems, and
    ``hyphenate`` the pieces a word may be
    broken into with a hyphen: a word is never cut bare because its column was
    given less than the word, so the narrowest piece a column may take is the
    widest syllable run of its longest word.

    The unbreakable pieces include each amount, date and figure with its unit
    (:func:`kept`) and, where the table has room for them too, the words of its
    header row (unhyphenated, a short Chinese heading whole).  When the table
    cannot give every column those, the columns start from their widest single
    word instead (an amount may then break at its spaces, "€2.61 / billion", still
    never inside a word) and the room left keeps as many columns' amounts whole as
    it can (:func:`_most_whole`).
    """
    columns = len(block.rows[0]) if block.rows else 0
    if not columns:
        return []
    cells = [[row[i] if i < len(row) else "" for row in block.rows] for i in range(columns)]

    def least(whole: bool, headings: bool = False) -> list[float]:
        return [max(_min_ems(c, n == 0, measure, hyphenate, whole, headings)
                    for n, c in enumerate(col)) + padding for col in cells]

    low = least(whole=True, headings=True)  # headings whole when the table has room
    if sum(low) > width_ems:
        low = least(whole=True)
    high = [max(max(measure(plain(c), n == 0) for n, c in enumerate(col)) + padding, lo)
            for col, lo in zip(cells, low, strict=True)]
    if sum(high) <= width_ems:
        widths = [h * width_ems / sum(high) for h in high]
    elif sum(low) > width_ems:
        widths = _most_whole(least(whole=False), low, width_ems)
    else:
        widths = _between(low, high, width_ems)
    return [w / sum(widths) for w in widths]


def _most_whole(floor: list[float], low: list[float], total: float) -> list[float]:
    """Widths for a table too narrow to keep every amount whole: each column starts from
    its widest single word (``floor``); the columns that need least to hold their amounts
    whole (``low``) get it first, so as many as possible read whole; what is left goes
    to the others in proportion to what they lack."""
    widths = list(floor)
    room = total - sum(floor)
    if room <= 0:
        return widths
    for index in sorted(range(len(low)), key=lambda i: low[i] - floor[i]):
        need = low[index] - widths[index]
        if need <= room:
            widths[index] = low[index]
            room -= need
    lacking = [max(lo - w, 0.0) for lo, w in zip(low, widths, strict=True)]
    if sum(lacking) > 0:
        widths = [w + room * short / sum(lacking) for w, short in zip(widths, lacking,
                                                                     strict=True)]
    return widths


def _between(low: list[float], high: list[float], total: float) -> list[float]:
    """Widths from ``low`` towards ``high`` that sum to ``total`` (sum(low) <= total <=
    sum(high)), each column given room in proportion to what it could still use."""
    room = (total - sum(low)) / (sum(high) - sum(low)) if sum(high) > sum(low) else 0.0
    return [lo + (h - lo) * room for lo, h in zip(low, high, strict=True)]
