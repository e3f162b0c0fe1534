"""What both formats decide alike about a table from the seed: each column's
alignment and its share of the text width.

GFM's delimiter row (``:---``, ``:---:``, ``---:``) sets a column's alignment;
a column left unmarked whose cells are all figures (``12,000``, ``95%``,
``€40``, ``500 km``, ``1423.8亿``) is right-aligned so that digits line up,
as in a newspaper's figures table.  Widths follow the text each column holds
(the way browsers size an automatic table): columns that need less than an
equal share keep their natural width and the rest of the measure goes to the
wide ones in proportion to their text, so cells wrap rather than overflow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pressctl.core.script import CJK_CLASS, ems
from pressctl.source.inline import plain
from pressctl.source.release import Block

_FIGURE = re.compile(r"^[-+−]?[€$£¥]?\s?\d[\d.,\s]*(?:\s?[%‰]|\s?[^\W\d_]{1,4})?$")


def is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(plain(cell).strip()))


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


def _estimate(text: str, header: bool) -> float:
    return _ems(text) * (1.1 if header else 1.0)  # the header is bold: a tenth wider


def _min_ems(text: str, header: bool = False, measure: Measure = _estimate,
             hyphenate: Hyphenate | None = None) -> float:
    """The widest piece a line may not break: a Latin word or figure (or, where a dictionary
    hyphenates it, its widest syllable run with the hyphen), or one ideograph."""
    widths = []
    for unit in _UNIT.findall(plain(text)):
        parts = hyphenate(unit) if hyphenate and any(c.isalpha() for c in unit) else [unit]
        if len(parts) > 1:
            widths.append(max(measure(part + "-", header) for part in parts[:-1]))
            widths.append(measure(parts[-1], header))
        else:
            widths.append(measure(unit, header))
    return max(widths, default=0.0)


def shares(block: Block, width_ems: float, measure: Measure = _estimate,
           hyphenate: Hyphenate | None = None) -> list[float]:
    """Each column's share of a table ``width_ems`` wide (the shares sum to 1).

    As browsers lay out an automatic table: every column gets at least its
    widest unbreakable word and at most its longest cell on one line; the room
    between is shared in proportion to what each column could still use.
    ``measure`` gives a text's width in ems (the PDF measures with the font
    itself; the default estimates), and ``hyphenate`` the pieces a word may be
    broken into with a hyphen: a word is never cut bare because its column was
    given less than the word, so the narrowest piece a column may take is the
    widest syllable run of its longest word.
    """
    columns = len(block.rows[0]) if block.rows else 0
    if not columns:
        return []
    cells = [[row[i] if i < len(row) else "" for row in block.rows] for i in range(columns)]
    low = [max(_min_ems(c, n == 0, measure, hyphenate) for n, c in enumerate(col)) + PADDING_EMS
           for col in cells]
    high = [max(max(measure(plain(c), n == 0) for n, c in enumerate(col)) + PADDING_EMS, lo)
            for col, lo in zip(cells, low, strict=True)]
    if sum(high) <= width_ems:
        widths = [h * width_ems / sum(high) for h in high]
    elif sum(low) >= width_ems:
        widths = low
    else:
        room = (width_ems - sum(low)) / (sum(high) - sum(low))
        widths = [lo + (h - lo) * room for lo, h in zip(low, high, strict=True)]
    return [w / sum(widths) for w in widths]
