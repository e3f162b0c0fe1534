"""Chinese text for reportlab: line breaking and justification the way Chinese is set.

reportlab's ``wordWrap='CJK'`` breaks between any two characters and knows
only a Japanese list of characters that may not start a line: ，；：！？”》
and friends still open lines.  It cuts Latin words inside Chinese text where
the line runs out, and a justified CJK line gets all its slack at the end,
because reportlab justifies by widening spaces and Chinese has none.

:class:`CJKParagraph` therefore breaks lines itself, following the Chinese
rules (W3C *Requirements for Chinese Text Layout*, GB/T 15834):

* closing punctuation never starts a line and opening punctuation never
  ends one — the character before is pushed down with it instead;
* a Latin word, a number with its unit (``460家``), ``——`` and ``……`` are
  never split;
* the last line never holds a single character alone;
* closing punctuation at the end of a line is set half width (its ink sits
  in the left half of the em), so justified lines align on the ink and a
  comma that only overflows by its blank half stays on the line;
* justified lines spread their slack evenly over the gaps next to Chinese
  characters, never inside or between Latin words, so no wide gap opens
  before "HarmonyOS";
* a fixed quarter-em space separates Chinese characters from Latin words and
  figures (what Word calls "autospace"), so "BMW数字钥匙" does not read as one
  clump; it is drawn as space, not inserted as a character.

This module is the rules and the line breaker (:func:`layout`); the
flowable that draws and tags the lines is ``text.py``.  It also gives English
text what reportlab's Paragraph needs: markup escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from pressctl.core.lang import language
from pressctl.core.script import is_cjk_letter, is_wide
from pressctl.render.table_layout import JOINER  # never drawn: glues its neighbours
from pressctl.render.words import parts as word_parts

#: May not start a line: closing brackets and quotes, stops and commas
#: (full and half width), interpuncts, percent and the hyphen-like dashes.
NO_START = frozenset(
    "，。、；：！？）］｝〕〉》」』】〗〙〛”’・·％‰℃〃々〜～ー"
    "!),.:;?]}%-‐‑–"
)
#: May not end a line: opening brackets and quotes, currency prefixes.
NO_END = frozenset("（［｛〔〈《「『【〖〘〚“‘([{$£€¥￥#")
#: Closing marks whose ink sits in the left half of the em box in GB-style
#: fonts: at the end of a line the right half may overhang the margin.
HANG = frozenset("，。、）》」』】”’")
#: Marks that are always one unit of their own even between Latin letters.
SINGLE = frozenset("“”‘’「」『』（）《》【】〈〉，。、；：！？·")
#: Runs of these are one unit: ——, ……
REPEATED = frozenset("—…")
#: Ascender of the CJK fonts in em (Noto Sans CJK 0.88): places the baseline.
ASCENT = 0.88
#: A justified line whose gaps would grow beyond this (in em) stays ragged: word spaces
#: of a line of Latin words only.
MAX_GAP = 0.5
#: The same limit for a line holding Chinese: a sixteenth of an em between characters
#: still reads as solid setting (an eighth already shows at 100 % zoom); the slack of a
#: line whose last character a closing mark pulled down is a few hundredths.  A Chinese line that a
#: long Latin word left short would otherwise spread its characters across the measure;
#: it stays ragged instead, as browsers' ``text-justify`` limits do.
CJK_MAX_GAP = 0.0625
#: Space between a Chinese character and an adjacent Latin word or figure, in em.
AUTOSPACE = 0.22

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[\t\r\n\x0b\x0c ]+")


def clean(text: str) -> str:
    """Text as it should be drawn: no control characters, whitespace collapsed.

    A stray control character pasted into a seed must neither abort the build
    nor draw a box; vertical tab and form feed separate words, so they become
    spaces rather than vanish.
    """
    return _CONTROLS.sub("", _SPACES.sub(" ", text))


def markup(text: str) -> str:
    """``text`` for reportlab's Paragraph, which parses mini-XML: <, > and & stay as written."""
    return escape(clean(text))


#: Slant of emphasis where the font has no italic (every CJK font, Noto Sans CJK for
#: Latin): the shear Word and LibreOffice apply when they synthesise italics.
OBLIQUE = 0.21
#: A run holding only this is a hard line break.
BREAK = "\n"
#: The language of a Latin word inside Chinese text (a brand, a product) and of
#: Chinese inside a Latin-script paragraph, for a screen reader's voice.
LATIN_LANG = "en"
CJK_LANG = language("zh").doc_tag

Link = tuple[str, float, float, float, int]  # URL, start, end, baseline, run


@dataclass(frozen=True)
class Run:
    """A stretch of text in one font and colour; a link when ``href`` is set;
    ``highlight``: the band drawn behind it (a draft kit's unreviewed text)."""

    text: str
    font: str
    colour: Color | None = None
    href: str | None = None
    oblique: bool = False
    highlight: Color | None = None


@dataclass(frozen=True)
class Unit:
    """What line breaking never splits: a Chinese character, a Latin word, a space."""

    text: str
    run: int
    kind: str  # "cjk" (ideographs, kana, CJK punctuation), "latin", "space"
    width: float  # including ``pad``
    pad: float = 0.0  # autospace after the unit, wasted at the end of a line
    glued: bool = False  # a word joiner (U+2060) before it: no line break there
    #: pieces of a Latin word too wide for the line: a line may break before a piece that
    #: ``continues`` one, and a line ending in a piece draws its ``hyphen`` (a width)
    continues: bool = False
    hyphen: float = 0.0


def _char_kind(char: str) -> str:
    if char == " ":
        return "space"
    if is_wide(char) or char in SINGLE or char in REPEATED:  # a line may break beside it
        return "cjk"
    return "latin"


def tokenize(runs: list[Run], size: float) -> list[Unit]:
    units: list[Unit] = []
    glue = False
    for index, run in enumerate(runs):
        text = run.text
        if text == BREAK:
            units.append(Unit(BREAK, index, "break", 0.0))
            continue
        i = 0
        while i < len(text):
            char = text[i]
            if char == JOINER:
                glue = bool(units)
                i += 1
                continue
            if glue:
                glue = False
                units.append(Unit("", index, "glue", 0.0))  # marks the next unit, then dropped
            kind = _char_kind(char)
            j = i + 1
            if char in REPEATED:
                while j < len(text) and text[j] == char:
                    j += 1
            elif kind == "latin":
                while j < len(text):
                    nxt = text[j]
                    inner_apostrophe = (nxt in "’'" and j + 1 < len(text)
                                        and text[j - 1].isalpha() and text[j + 1].isalpha())
                    if (_char_kind(nxt) != "latin" and not inner_apostrophe) or nxt == JOINER:
                        break
                    j += 1
            elif kind == "space":
                while j < len(text) and text[j] == " ":
                    j += 1
                units.append(Unit(" ", index, "space", stringWidth(" ", run.font, size)))
                i = j
                continue
            piece = text[i:j]
            units.append(Unit(piece, index, kind, stringWidth(piece, run.font, size)))
            i = j
    return _autospace(_glue(units), size)


def _glue(units: list[Unit]) -> list[Unit]:
    """Drop the joiners' marks, gluing the unit after each to the one before."""
    out: list[Unit] = []
    glued = False
    for unit in units:
        if unit.kind == "glue":
            glued = True
            continue
        out.append(replace(unit, glued=True) if glued and out else unit)
        glued = False
    return out


def _autospace(units: list[Unit], size: float) -> list[Unit]:
    pad = AUTOSPACE * size
    out = list(units)
    for i, (before, after) in enumerate(zip(units, units[1:], strict=False)):
        if ((is_cjk_letter(before.text[-1]) and after.kind == "latin" and after.text[0].isalnum())
                or (before.kind == "latin" and before.text[-1].isalnum()
                    and is_cjk_letter(after.text[0]))):
            out[i] = replace(before, width=before.width + pad, pad=pad)
    return out


def pieces(text: str, font: str, size: float) -> tuple[list[tuple[float, str]], float]:
    """One line of ``text`` as (x offset, text) pieces with the autospace between
    them, and its width: for labels drawn outside paragraphs (chart labels)."""
    out: list[tuple[float, str]] = []
    x = 0.0
    current, start = "", 0.0
    for unit in tokenize([Run(clean(text), font)], size):
        current += unit.text
        x += unit.width
        if unit.pad:
            out.append((start, current))
            current, start = "", x
    if current:
        out.append((start, current))
    return out, x  # the last unit never carries autospace


def may_break(before: Unit, after: Unit) -> bool:
    """Whether a line may end between two adjacent units that have no space between them."""
    if after.glued or after.text[0] in NO_START or before.text[-1] in NO_END:
        return False
    if after.continues:
        return True  # inside a Latin word too wide for the line, with a hyphen
    if before.kind == "latin" and after.kind == "latin":
        return False  # one word set in two runs
    return not (before.kind == "latin" and before.text[-1].isdigit()
                and is_cjk_letter(after.text[0]))  # 460家, 2024年: number and unit together


def _split_wide(units: list[Unit], runs: list[Run], size: float, width: float) -> list[Unit]:
    """Break a Latin word wider than the line: a product name written as one word
    (NorthStarAutomotivePlatformProfessionalEdition) at its capitals, each line ending
    in a hyphen; what has no such places (a URL) into characters, the last resort."""
    out: list[Unit] = []
    for unit in units:
        if not (unit.kind == "latin" and unit.width > width and len(unit.text) > 1):
            out.append(unit)
            continue
        font = runs[unit.run].font
        hyphen = stringWidth("-", font, size)
        parts = word_parts(unit.text)
        if len(parts) > 1 and all(
                stringWidth(part, font, size) + hyphen <= width for part in parts):
            for index, part in enumerate(parts):
                last = index == len(parts) - 1
                out.append(Unit(part, unit.run, "latin",
                                stringWidth(part, font, size) + (unit.pad if last else 0.0),
                                pad=unit.pad if last else 0.0, continues=index > 0,
                                hyphen=0.0 if last else hyphen))
        else:
            out.extend(Unit(c, unit.run, "cjk", stringWidth(c, font, size)) for c in unit.text)
    return out


@dataclass(frozen=True)
class Line:
    units: tuple[Unit, ...]
    width: float  # natural width
    gap: float  # extra space at every boundary that stretches (justification)

    @property
    def set_width(self) -> float:
        return self.width + self.gap * sum(stretches(self.units))


def _trim(units: list[Unit]) -> list[Unit]:
    start, end = 0, len(units)
    while start < end and units[start].kind == "space":
        start += 1
    while end > start and units[end - 1].kind == "space":
        end -= 1
    return units[start:end]


def stretches(units: tuple[Unit, ...] | list[Unit]) -> list[bool]:
    """For each boundary between neighbours, whether justification may widen it.

    Every gap beside a Chinese character, and a space between Latin words —
    never inside a word, and never twice around one space.
    """
    return [before.kind == "space" or ("cjk" in (before.kind, after.kind)
                                       and after.kind != "space")
            for before, after in zip(units, units[1:], strict=False)]


def break_units(units: list[Unit], width: float) -> list[list[Unit]]:
    """Greedy line breaking with the rules above; each line as its units."""
    lines: list[list[Unit]] = []
    n = len(units)
    start = 0
    while start < n and units[start].kind == "space":
        start += 1
    while start < n:
        used = 0.0
        best: tuple[int, int] | None = None  # (end of this line, start of the next)
        i = start
        while i < n:
            unit = units[i]
            if unit.kind == "space":
                if i > start:
                    best = (i, i + 1)
                used += unit.width
                i += 1
                continue
            if i > start and units[i - 1].kind != "space" and may_break(units[i - 1], unit):
                best = (i, i)
            hang = unit.width / 2 if unit.text in HANG else 0.0
            if used + unit.width + unit.hyphen - unit.pad - hang > width + 1e-6 and i > start:
                break
            used += unit.width
            i += 1
        if i >= n:
            lines.append(units[start:n])
            break
        end, following = best if best is not None and best[0] > start else (i, i)
        lines.append(units[start:end])
        start = following
        while start < n and units[start].kind == "space":
            start += 1
    lines = [_trim(line) for line in lines]
    return [line for line in lines if line]


def _lonely(line: list[Unit]) -> bool:
    """A last line with one character and at most its punctuation (行。)."""
    words = [u for u in line if u.kind == "latin" or is_cjk_letter(u.text[0])]
    return len(words) == 1 and words[0].kind == "cjk" and len(words[0].text) == 1


def _width(units: list[Unit]) -> float:
    """Natural width of a line: the autospace after its last unit is not set, the hyphen
    after a piece of a broken word is."""
    return sum(u.width for u in units) + (units[-1].hyphen - units[-1].pad if units else 0.0)


def _avoid_lonely(lines: list[list[Unit]], width: float) -> list[list[Unit]]:
    """Bring a second character down to a last line that would hold one alone."""
    if len(lines) < 2 or not _lonely(lines[-1]):
        return lines
    previous, last = lines[-2], lines[-1]
    for cut in range(len(previous) - 1, 0, -1):
        before, after = previous[cut - 1], previous[cut]
        if before.kind == "space" or after.kind == "space":
            continue
        if not may_break(before, after):
            continue
        moved = previous[cut:] + last
        if _width(moved) <= width and len(previous[:cut]) >= 2:
            return [*lines[:-2], _trim(previous[:cut]), _trim(moved)]
        break
    return lines


def layout(runs: list[Run], size: float, width: float, justify: bool) -> list[Line]:
    """Break ``runs`` into lines of at most ``width`` points and justify them; a hard
    break ends a line that is then set like a paragraph's last (not justified)."""
    units = _split_wide(tokenize(runs, size), runs, size, width)
    chunks: list[list[Unit]] = [[]]
    for unit in units:
        if unit.kind == "break":
            chunks.append([])
        else:
            chunks[-1].append(unit)
    lines: list[Line] = []
    for chunk in chunks:
        lines += _lines_of(chunk, size, width, justify) or [Line((), 0.0, 0.0)]
    return lines


def balanced(runs: list[Run], size: float, width: float) -> list[Line]:
    """A headline's lines as even as its words allow (CSS ``text-wrap: balance``): the
    narrowest measure that needs no more lines than ``width`` does.  Set to the full
    measure, "珠海水上巴士启用第二批电动船" left "动船" alone under a full line."""
    lines = layout(runs, size, width, False)
    if len(lines) < 2:
        return lines
    low, high = width * (len(lines) - 1) / len(lines), width
    for _ in range(12):  # to a hundredth of a point or so: the lines are set, not drawn
        middle = (low + high) / 2
        if len(layout(runs, size, middle, False)) <= len(lines):
            high = middle
        else:
            low = middle
    return layout(runs, size, high, False)


def _lines_of(units: list[Unit], size: float, width: float, justify: bool) -> list[Line]:
    broken = _avoid_lonely(break_units(units, width), width)
    lines = []
    for number, units_of_line in enumerate(broken):
        natural = _width(units_of_line)
        if number < len(broken) - 1 and units_of_line[-1].text in HANG:
            natural -= units_of_line[-1].width / 2
        gap = 0.0
        if justify and number < len(broken) - 1 and natural < width:
            gaps = sum(stretches(units_of_line))
            cap = CJK_MAX_GAP if any(u.kind == "cjk" for u in units_of_line) else MAX_GAP
            if gaps and (width - natural) / gaps <= cap * size:
                gap = (width - natural) / gaps
        lines.append(Line(tuple(units_of_line), natural, gap))
    return lines
