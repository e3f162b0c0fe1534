"""A GFM table from the seed, in the PDF.

The header row is set white on the brand colour and repeated at the head of
every page the table runs onto (``repeatRows``); each cell is a paragraph of
the kit's own setting (Chinese line breaking in a Chinese kit, inline markup
and links everywhere), aligned per column (:mod:`table_layout`), and the
columns share the width of the frame the table is drawn in, so the table
fits the text column of the kit and the half column of the bilingual edition.

Tagged PDF: ``Table`` → ``TR`` → ``TH`` (``/Scope /Column``) or ``TD``; the grid
and the row bands are artifacts, and so is the header row repeated overleaf.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from pressctl.render.pdf.linebreak import pieces
from pressctl.render.pdf.style import HAIRLINE, colour_of, tint
from pressctl.render.pdf.tags import Element, Tagged, structured
from pressctl.render.pdf.writer import Writer
from pressctl.render.table_layout import (
    Hyphenate,
    alignments,
    keep_whole,
    kept,
    kept_ems,
    shares,
)
from pressctl.source.inline import plain
from pressctl.source.release import Block

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class SeedTable(Flowable):  # type: ignore[misc]
    """The table, sized when the frame's width is known."""

    def __init__(self, writer: Writer, block: Block) -> None:
        super().__init__()
        self.writer, self.block = writer, block
        #: the table's structure element, filled by each layout (the last one is drawn)
        self.element = writer.element("Table")
        self.table: Table | None = None
        self._width = -1.0

    def _build(self, width: float) -> Table:
        if self.table is None or self._width != width:
            self.table = build_table(self.writer, self.block, width, self.element)
            self._width = width
        return self.table

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        size = self._build(available_width).wrap(available_width, available_height)
        self.width, self.height = size
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return list(self._build(available_width).split(available_width, available_height))

    def draw(self) -> None:
        assert self.table is not None
        self.table.drawOn(self.canv, 0, 0)

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.writer.styles["body"].spaceAfter)


@lru_cache(maxsize=16)
def hyphenation(lang: str) -> str | None:
    """The Hunspell hyphenation dictionary ``pyphen`` has for a Latin-script language
    (``en-GB`` → ``en_GB``), or None (Chinese is broken between characters instead)."""
    import pyphen

    found = pyphen.language_fallback(lang.replace("-", "_"))
    return str(found) if found else None


def _hyphenator(lang: str | None) -> Hyphenate | None:
    dictionary = hyphenation(lang) if lang else None
    if dictionary is None:
        return None
    import pyphen

    words = pyphen.Pyphen(lang=dictionary)
    # reportlab hyphenates words of letters only: "Xiamen–Gulangyu" is one piece to it
    return lambda word: words.inserted(word).split("-") if word.isalpha() else [word]


@lru_cache(maxsize=16)
def _words_only(dictionary: str) -> Callable[[str], list[tuple[str, str]]]:
    """reportlab's hyphenator for ``dictionary``, which leaves a figure whole: a word with
    a digit or a no-break space ("€2.61\u00a0billion") is never hyphenated ("bil-lion")."""
    import pyphen

    words = pyphen.Pyphen(lang=dictionary)

    def pairs(word: str) -> list[tuple[str, str]]:
        if any(char.isdigit() or char == "\u00a0" for char in word):
            return []
        return list(words.iterate(word))

    return pairs


def _style(writer: Writer, base: str, align: str, hyphenate: bool = True) -> str:
    """A cell's paragraph style.  In a Latin-script language a word too long for its cell
    is hyphenated by the language's dictionary (reportlab asks ``pyphen``), never cut bare;
    not in a cell whose amount breaks at its spaces (its column was too narrow to keep
    it whole): "billion" goes to the next line whole, never "bil-lion"."""
    name = f"{base}-{align}" + ("" if hyphenate else "-whole")
    if name not in writer.styles:
        dictionary = (hyphenation(writer.kit.tag) if not writer.kit.cjk and hyphenate
                      else None)
        extra = ({"hyphenationLang": _words_only(dictionary), "embeddedHyphenation": 1}
                 if dictionary else {})
        writer.styles[name] = ParagraphStyle(name, parent=writer.styles[base],
                                             alignment=ALIGN[align], **extra)
    return name


def kit_table_style(writer: Writer, *, valign: str,
                    padding: tuple[float, float, float]) -> TableStyle:
    """The kit's one table look (a header in the brand colour, tinted bands, hairlines),
    for the key-figures table and Markdown tables alike; ``padding`` is (sides, top,
    bottom)."""
    brand = colour_of(writer.kit.colour)
    sides, top, bottom = padding
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), writer.fonts.regular, 9.5),  # not reportlab's Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), brand),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, tint(brand, 0.05)]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, HAIRLINE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, brand),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), sides),
        ("RIGHTPADDING", (0, 0), (-1, -1), sides),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ])


def tagged_row(writer: Writer, cells: Sequence[Tagged],
               heads: Literal["Column", "Row"] | None = None) -> Element:
    """The ``TR`` element of one table row, for every tagged table in the PDF (the
    Markdown tables, the kit's fact sheet, the bilingual edition's figures), so that
    PDF/UA's header rules are kept in one place: ``heads="Column"`` makes every cell a
    ``TH`` with ``/Scope /Column`` (the header row), ``heads="Row"`` the first cell a
    ``TH`` with ``/Scope /Row`` (a label heading its value)."""
    headers = list(cells) if heads == "Column" else list(cells[:1]) if heads == "Row" else []
    for cell in headers:
        cell.element.role = "TH"
        cell.element.attrs["Scope"] = heads or ""
    return writer.element("TR").add(*(cell.element for cell in cells))


#: A cell's left and right padding together, in points (``kit_table_style``'s sides).
PADDING = 12.0


def build_table(writer: Writer, block: Block, width: float, element: Element) -> Table:
    """The table at ``width``; its TR/TH/TD elements replace ``element``'s kids.

    An amount, a date or a figure with its unit stays whole on its line
    (``table_layout.keep_whole``) in every column wide enough for it — the
    widths make room for them whenever the table can; where it cannot, such a
    column breaks at its spaces rather than inside a word."""
    aligns = alignments(block)
    columns = len(aligns)
    size = writer.styles["td"].fontSize

    def measure(text: str, header: bool) -> float:  # in ems of the cell's own font
        font = writer.styles["th" if header else "td"].fontName
        # as set: with the autospace between Chinese and Latin letters (4.55亿), and half a
        # point to spare (reportlab breaks a line that fills its cell to the last point)
        return (float(pieces(plain(text), font, size)[1]) + 0.5) / size

    hyphenate = None if writer.kit.cjk else _hyphenator(writer.kit.tag)
    widths = [width * s for s in shares(block, width / size, measure, hyphenate,
                                         padding=PADDING / size)]
    whole = [kept_ems(block, i, measure) * size + PADDING <= widths[i] + 1e-6
             for i in range(columns)]
    rows = []
    element.kids.clear()
    for number, row in enumerate(block.rows):
        cells = list(row) + [""] * (columns - len(row))
        base = "th" if number == 0 else "td"
        tagged = [writer.marked(keep_whole(cell, joiner=True) if keep else cell,
                                _style(writer, base, align, hyphenate=keep or not kept(cell)))
                  for cell, align, keep in zip(cells, aligns, whole, strict=True)]
        element.add(tagged_row(writer, tagged, "Column" if number == 0 else None))
        rows.append(tagged)
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(kit_table_style(writer, valign="TOP", padding=(6, 4, 5)))
    return structured(table, element)
