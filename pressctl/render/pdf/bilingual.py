"""The bilingual PDF: source and translation side by side, paragraph by paragraph.

Reviewers check the translation against the source and bilingual media quote
both, so every element of the release — title, each heading and paragraph,
each key figure — is one row with the source on the left and the translation
on the right, level with each other.  Each row is its own table, so pages
break between rows (a long row splits with both halves), headings stay with
the start of the row that follows, and each heading row carries a bookmark.
The first baselines of a row are level, although reportlab sets Latin lines
at the top of their leading and Chinese lines in its middle; a speaker line
never starts a page without the end of its quotation.  Each side is set by
its own kit: its fonts (proportional quotes on the Latin side), its line
breaking (Chinese rules on the Chinese side), its wording and figures.  The
row order and content match the bilingual DOCX.

Tagged PDF: a row is layout, not structure.  The structure tree reads each
row's source cell, then its translation; every element of a column carries
that column's ``/Lang`` (the catalog's is the source language), and each
side's list items build that side's lists (a list reads whole in one
language, then in the other).
"""

from __future__ import annotations

from itertools import zip_longest

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from pressctl.kit import Kit, attribution_dash, figure_with_period, language_name, split_speaker
from pressctl.render.pdf.figure import figure_parts
from pressctl.render.pdf.fonts import register
from pressctl.render.pdf.linebreak import Run
from pressctl.render.pdf.lists import ListItem, ListTree, list_item, paragraph_baseline
from pressctl.render.pdf.page import Pages, lay_out
from pressctl.render.pdf.style import (
    HAIRLINE,
    PAGE_SIZES,
    TEXT,
    colour_of,
    document_text,
    make_styles,
    tint,
)
from pressctl.render.pdf.table import SeedTable, tagged_row
from pressctl.render.pdf.tags import Decoration, Element, story_elements, structured, unwrap
from pressctl.render.pdf.writer import Writer
from pressctl.source.inline import plain
from pressctl.source.release import Block, BlockKind

GUTTER = 9 * mm
#: The columns are half the measure: type a little smaller than the kit's.
SCALE = 0.9
#: Leading at most this many times the size.  Short lines need less air, and
#: text extraction (poppler) reads lines spaced wider as separate blocks and
#: then mixes them up with the other column.
LEADING = 1.5


def _scaled(styles: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    """The kit's styles for a half-width column: smaller, ragged right on both sides.

    Justified Chinese in a column of twenty characters would open visible gaps
    where a figure with its unit ("1423.8 亿欧元") or a long Latin word cannot
    be broken; ragged lines also keep both sides alike.
    """
    out = {}
    for name, style in styles.items():
        factor = {"title": 0.78, "th": 1.0, "td": 1.0, "figure": 1.0, "period": 1.0,
                  "speaker": 1.0}.get(name, SCALE)
        size = style.fontSize * factor
        out[name] = ParagraphStyle(
            name, parent=style, fontSize=size, leading=min(style.leading * factor, size * LEADING),
            spaceBefore=0, spaceAfter=0,
            alignment=TA_CENTER if style.alignment == TA_CENTER else TA_LEFT)
    return out


class Bilingual:
    """Makes the rows: one Writer (kit, fonts, styles) per side."""

    def __init__(self, sides: list[tuple[Kit, Writer]], width: float) -> None:
        self.sides = sides
        self.column = (width - GUTTER) / 2
        self.brand = colour_of(sides[0][0].colour)
        self.anchors = 0
        self.lists = {id(writer): ListTree(writer) for _, writer in sides}

    def row(self, cells: list[list[Flowable]], *, heading: bool = False,
            outline: str | None = None, boxed: bool = False, shade: bool = False,
            elements: list[Element] | None = None) -> Table:
        """One row; its structure is each cell's elements, source first (a cell of
        several in a ``Div`` of its language), unless ``elements`` says otherwise."""
        if elements is None:
            elements = [self._grouped(writer, story_elements(cell))
                        for (_, writer), cell in zip(self.sides, cells, strict=True)
                        if story_elements(cell)]
        table = structured(Table([cells], colWidths=[self.column + GUTTER / 2] * 2,
                                 hAlign="LEFT", splitInRow=1), elements)
        top = 5 if not heading else 10
        style = [
            ("FONT", (0, 0), (-1, -1), self.sides[0][1].fonts.regular, 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), GUTTER / 2),
            ("LEFTPADDING", (1, 0), (1, -1), GUTTER / 2),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEAFTER", (0, 0), (0, -1), 0.5, HAIRLINE),
        ]
        # level first baselines: lower the side whose first line sits higher
        baselines = [first_baseline(cell[0]) if cell else None for cell in cells]
        if None not in baselines:
            lowest = max(b for b in baselines if b is not None)
            for column, baseline in enumerate(baselines):
                if baseline is not None and lowest - baseline > 0.05:
                    style.append(("TOPPADDING", (column, 0), (column, 0),
                                  top + lowest - baseline))
        if boxed:  # key figures: inset, alternate rows tinted like the kit's fact table
            style += [("LEFTPADDING", (0, 0), (0, -1), 6), ("RIGHTPADDING", (1, 0), (1, -1), 6),
                      ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
            if shade:
                style.append(("BACKGROUND", (0, 0), (-1, -1), tint(self.brand, 0.05)))
        table.setStyle(TableStyle(style))
        if heading:
            table.keepWithNext = 1
        if outline:
            self.anchors += 1  # counted, not id(): destination names are in the bytes
            table.outline = (outline, f"row-{self.anchors}")
        return table

    @staticmethod
    def _grouped(writer: Writer, elements: list[Element]) -> Element:
        if len(elements) == 1:
            return elements[0]
        return writer.element("Div").add(*elements)

    def texts(self, texts: list[str | None], style: str, *, heading: bool = False,
              outline: bool = False) -> Table:
        cells = [[writer.para(text, style)] if text else []
                 for (_, writer), text in zip(self.sides, texts, strict=True)]
        title = " / ".join(t for t in texts if t) if outline else None
        return self.row(cells, heading=heading, outline=title)

    def block(self, writer: Writer, kit: Kit, block: Block | None) -> list[Flowable]:
        if block is None:
            return []
        if block.kind is BlockKind.HEADING:
            return [writer.marked(block.text, "heading" if block.level <= 2 else "subheading")]
        if block.kind is BlockKind.ITEM:
            return [list_item(writer, block, last=True, tree=self.lists[id(writer)])]
        if block.kind is BlockKind.TABLE:
            return [SeedTable(writer, block)]
        if block.kind is BlockKind.FIGURE:
            return figure_parts(writer, block)
        if block.kind is BlockKind.RULE:
            return [Decoration(HRFlowable(width="100%", thickness=0.6, color=HAIRLINE,
                                          spaceBefore=4, spaceAfter=4))]
        paragraph = writer.marked(block.text, "lead" if block is kit.release.lead else "body")
        if block.kind is BlockKind.QUOTE and block.speaker:
            name, rest = split_speaker(block.speaker)
            runs = [Run(attribution_dash(kit.cjk), writer.fonts.regular),
                    Run(name, writer.fonts.bold, TEXT)]
            if rest:
                runs.append(Run(rest, writer.fonts.regular))
            speaker = writer.para(runs, "speaker")
            quoted = WithSpeaker(paragraph, speaker)
            quoted.element = [writer.element("BlockQuote").add(paragraph.element,
                                                               speaker.element)]
            return [quoted]
        return [paragraph]


class WithSpeaker(Flowable):  # type: ignore[misc]
    """A quotation's paragraph and its speaker line, which a page never separates:
    split, the speaker goes overleaf with the paragraph's last lines."""

    def __init__(self, body: Flowable, speaker: Flowable) -> None:
        super().__init__()
        self.body, self.speaker = body, speaker
        self.element: list[Element] = []  # the story's elements (set by the builder)
        self.width = self.height = self._body_height = self._speaker_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._body_height = self.body.wrap(available_width, available_height)[1]
        self._speaker_height = self.speaker.wrap(available_width, available_height)[1]
        self.width, self.height = available_width, self._body_height + self._speaker_height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        if self.height <= available_height + 1e-6:
            return []  # it fits: nothing to split (a table splitting
            # inside a row takes a one-part answer for a split and fails)
        # a paragraph that would fit alone leaves its last lines (two at least:
        # the widow rule) to keep the speaker company
        parts = self.body.split(available_width,
                                min(available_height, self._body_height - 1))
        if len(parts) != 2:
            return []
        return [parts[0], WithSpeaker(parts[1], self.speaker)]

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self._speaker_height)
        self.speaker.drawOn(self.canv, 0, 0)


def first_baseline(flowable: Flowable) -> float | None:
    """How far below its top a paragraph sets its first baseline, if it is one."""
    flowable = unwrap(flowable)
    if isinstance(flowable, WithSpeaker):
        flowable = unwrap(flowable.body)
    if isinstance(flowable, ListItem):
        flowable = flowable.body
    return paragraph_baseline(flowable)


def build_bilingual(source: Kit, target: Kit) -> bytes:
    rl_config.invariant = 1
    sides = [(kit, register(kit.faces, document_text(kit),
                            latin=not kit.cjk)) for kit in (source, target)]
    pages = Pages(sides, PAGE_SIZES.get(source.page_size, A4))

    def story() -> list[Flowable]:
        writers = [(kit, Writer(kit, fonts, _scaled(make_styles(kit, fonts)), lang=kit.tag))
                   for kit, fonts in sides]
        return _rows(Bilingual(writers, pages.text_width))

    title = f"{source.release.title} / {target.release.title}"
    keywords = list(dict.fromkeys([*source.release.keywords, *target.release.keywords]))
    return lay_out(pages, story, title, keywords)


def _title(b: Bilingual) -> Table:
    """The title row: one H1 holding the title in both languages (a Span each, in its
    own /Lang), as the DOCX has one Title; the release's headings are H2 on both sides."""
    cells, spans = [], []
    for kit, writer in b.sides:
        tagged = writer.para(kit.release.title, "title", role="Span")
        writer.heading_level = 1  # what follows is under this H1
        cells.append([tagged])
        spans.append(tagged.element)
    # no /Lang of its own (the document's applies): each Span says its language, so the
    # outermost elements still read source, translation, row after row
    heading = Element("H1").add(*spans)
    outline = " / ".join(kit.release.title for kit, _ in b.sides if kit.release.title)
    table = b.row(cells, outline=outline, elements=[heading])
    table.outline_level = 0
    return table


def _rows(b: Bilingual) -> list[Flowable]:
    (source, src), (target, tgt) = b.sides
    both = (source, target)
    # the column heads ("English", "中文") are layout: each element says its /Lang
    heads = [[Decoration(unwrap(writer.para(language_name(kit), "label")))]
             for kit, writer in b.sides]
    rows: list[Flowable] = [
        b.row(heads, elements=[]),
        b.texts([k.release_label for k in both], "label"),
        _title(b),
    ]
    if any(k.legend for k in both):  # a draft showing machine drafts: what its highlights mean
        rows.insert(1, b.row([[writer.marked(kit.legend, "small")] if kit.legend else []
                              for kit, writer in b.sides]))
    if source.release.subtitle or target.release.subtitle:
        rows.append(b.texts([k.release.subtitle for k in both], "subtitle"))
    rows.append(b.texts([k.date_line for k in both], "date"))
    for left, right in zip_longest(source.release.blocks, target.release.blocks):
        heading = (left or right).kind is BlockKind.HEADING
        cells = [b.block(src, source, left), b.block(tgt, target, right)]
        outline = " / ".join(plain(x.text) for x in (left, right) if x) if heading else None
        row = b.row(cells, heading=heading, outline=outline)
        if heading:  # ## under the title, ### under that, as in the DOCX
            row.outline_level = 1 if (left or right).level <= 2 else 2
        rows.append(row)
    rows.append(b.texts([k.end_mark for k in both], "end"))
    if source.facts:
        rows.append(b.texts([k.t("Key figures") for k in both], "heading", heading=True,
                            outline=True))
        # each side's figures are a Table (a row header and its value per figure), read
        # whole in one language, then in the other
        tables = [writer.element("Table") for _, writer in b.sides]
        for index, (left, right) in enumerate(zip(source.facts, target.facts, strict=False)):
            cells = []
            for (kit, writer), fact, table in zip(b.sides, (left, right), tables, strict=True):
                label = writer.para(fact.label, "td")
                value = writer.para(figure_with_period(fact, kit.cjk), "figure", role="TD")
                table.add(tagged_row(writer, [label, value], "Row"))
                cells.append([label, value])
            rows.append(b.row(cells, boxed=True, shade=index % 2 == 0,
                              elements=tables if index == 0 else []))
    for wording, attribute in (("About {organisation}", "boilerplate"),
                               ("Media contact", "contact")):
        if not (getattr(source.release, attribute) or getattr(target.release, attribute)):
            continue
        rows.append(b.texts([k.t(wording, organisation=k.release.organisation) for k in both],
                            "heading", heading=True, outline=True))
        cells = [[writer.marked(line, "small") for line in getattr(kit.release, attribute)]
                 for kit, writer in b.sides]
        rows.append(b.row(cells))
    return rows

