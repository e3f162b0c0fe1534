"""The PDF press kit, the file journalists receive.

Laid out like a corporate newsroom release: a letterhead band in the
organisation's colour, the release label, title and subtitle, the date line,
the lead in bold, the body with every quotation repeated as a pull-quote, the
end mark, then the fact sheet (table and bar charts), the boilerplate and the
media contact — the same order as the DOCX kit, so both say the same thing in
the same place.

Every font is embedded and subset (see ``pdf_fonts``; not even the footer,
a table's default font or a chart falls back to the unembedded Helvetica),
Chinese is broken and justified by ``pdf_text``, and the bytes depend only on
the inputs: reportlab's invariant mode, the release date as creation date,
bookmark names counted rather than taken from object ids.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from pressctl.kit import Kit, attribution_dash, pull_quote, pull_quote_marked, split_speaker
from pressctl.render import charts
from pressctl.render.pdf import chart
from pressctl.render.pdf.figure import figure
from pressctl.render.pdf.fonts import ahead, register
from pressctl.render.pdf.linebreak import Run
from pressctl.render.pdf.lists import ListTree, last_items, list_item
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
from pressctl.render.pdf.table import SeedTable, kit_table_style, tagged_row
from pressctl.render.pdf.tags import Decoration, artifact, structured, tags_of
from pressctl.render.pdf.writer import KeepWithFirstLines, Writer
from pressctl.source.release import Block, BlockKind, introduces_list


def prepare(kit: Kit, face: str) -> None:
    """Convert the kit's ``face`` ("regular" or "bold") for its PDF into the cache, as
    :func:`build` will ask for it (:func:`~pressctl.render.pdf.fonts.register`)."""
    font = kit.faces.regular if face == "regular" else kit.faces.bold
    if face == "regular" or font != kit.faces.regular:
        ahead(font, document_text(kit), latin=not kit.cjk)


def build(kit: Kit) -> bytes:
    """The kit as PDF bytes."""
    rl_config.invariant = 1
    fonts = register(kit.faces, document_text(kit), latin=not kit.cjk)
    pages = Pages([(kit, fonts)], PAGE_SIZES.get(kit.page_size, A4))

    def story() -> list[Flowable]:
        writer = Writer(kit, fonts, make_styles(kit, fonts))
        flowables = _front(writer) + _body(writer) + [writer.para(kit.end_mark, "end")]
        return flowables + _fact_sheet(writer, pages.text_width) + _annexes(writer)

    release = kit.release
    return lay_out(pages, story, release.title, list(release.keywords))


def _front(writer: Writer) -> list[Flowable]:
    kit, release = writer.kit, writer.kit.release
    story = [writer.para(kit.release_label, "label"),
             writer.para(release.title, "title", outline=release.title)]
    if kit.legend:  # a draft showing machine drafts: what its highlights mean, first
        story.insert(0, writer.marked(kit.legend, "small"))
    if release.subtitle:
        story.append(writer.para(release.subtitle, "subtitle"))
    story.append(writer.para(kit.date_line, "date"))
    story.append(Decoration(HRFlowable(width="100%", thickness=0.6, color=HAIRLINE,
                                       spaceBefore=2, spaceAfter=12)))
    return story


def _body(writer: Writer) -> list[Flowable]:
    release = writer.kit.release
    lead = release.lead
    story: list[Flowable] = []
    ends = last_items(release.blocks)
    lists = ListTree(writer)
    for index, block in enumerate(release.blocks):
        if block.kind is BlockKind.ITEM:
            story.append(list_item(writer, block, index in ends, lists))
            continue
        if block.kind is BlockKind.RULE:
            story.append(rule())
            continue
        if block.kind is BlockKind.TABLE:
            story.append(SeedTable(writer, block))
            continue
        if block.kind is BlockKind.FIGURE:
            story.append(figure(writer, block))
            continue
        if block.kind is BlockKind.HEADING:
            style = "heading" if block.level <= 2 else "subheading"
            story.append(writer.marked(block.text, style, outline=block.text))
            continue
        paragraph = writer.marked(block.text, "lead" if block is lead else "body")
        if introduces_list(release.blocks, index):
            paragraph.inner.keepWithNext = 1  # its list starts on the same page
        if block.kind is BlockKind.QUOTE:
            # the pull-quote never starts a page without the end of its quotation
            story.append(KeepWithFirstLines([paragraph, _pull_quote(writer, block)]))
            continue
        story.append(paragraph)
    return story


def rule() -> Flowable:
    """A horizontal rule (``---``): a hairline across the text column."""
    return Decoration(HRFlowable(width="100%", thickness=0.6, color=HAIRLINE, spaceBefore=4,
                                 spaceAfter=10))


def _pull_quote(writer: Writer, block: Block) -> Flowable:
    """The quotation again, large, behind a bar in the brand colour, with its speaker
    (a BlockQuote: the quotation's P, the speaker's P)."""
    kit, styles = writer.kit, writer.styles
    marked = pull_quote_marked(kit, block)
    quote = writer.marked(marked, "quote") if marked else writer.para(pull_quote(kit, block),
                                                                      "quote")
    rows: list[list[Flowable]] = [[quote]]
    element = writer.element("BlockQuote").add(quote.element)
    if block.speaker:
        name, rest = split_speaker(block.speaker)
        dash = attribution_dash(kit.cjk)
        runs = [Run(dash, writer.fonts.regular), Run(name, writer.fonts.bold, TEXT)]
        if rest:
            runs.append(Run(rest, writer.fonts.regular))
        speaker = writer.para(runs, "speaker")
        element.add(speaker.element)
        rows.append([speaker])
    table = structured(Table(rows, colWidths=["100%"], hAlign="LEFT", spaceBefore=4,
                             spaceAfter=styles["body"].leading), element)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), writer.fonts.regular, 10),  # not reportlab's Helvetica
        ("LINEBEFORE", (0, 0), (0, -1), 3, colour_of(kit.colour)),
        ("BACKGROUND", (0, 0), (-1, -1), tint(colour_of(kit.colour), 0.06)),
        ("LEFTPADDING", (0, 0), (-1, -1), 14),
        ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, 0), 10),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
        ("TOPPADDING", (0, 1), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
    ]))
    return KeepTogether([table])


def _fact_sheet(writer: Writer, width: float) -> list[Flowable]:
    kit = writer.kit
    if not kit.facts:
        return []
    brand = colour_of(kit.colour)
    header = [writer.para(text, "th") for text in kit.fact_header]
    rows = [[writer.para(r.label, "td"), writer.para(r.value_text, "figure"),
             writer.para(r.period_text, "period")][:len(header)] for r in kit.facts]
    element = writer.element("Table").add(
        tagged_row(writer, header, "Column"), *(tagged_row(writer, row) for row in rows))
    shares = (0.54, 0.30, 0.16) if kit.periods else (0.62, 0.38)
    table = structured(Table([header, *rows], colWidths=[width * share for share in shares],
                             repeatRows=1, hAlign="LEFT"), element)
    table.setStyle(kit_table_style(writer, valign="MIDDLE", padding=(7, 4.5, 5.5)))
    sheet: list[Flowable] = [writer.para(kit.t("Key figures"), "heading",
                                         outline=kit.t("Key figures")), table]
    size = 8.5 if not kit.cjk else 9
    charted = charts.groups(kit.facts)
    label_width = chart.label_column([row for rows in charted for row in rows], width,
                                     writer.fonts.regular, size)
    for rows_of_unit in charted:
        caption = kit.t("Key figures in {unit}", unit=rows_of_unit[0].unit_text)
        drawing, decoration = chart.bar_chart(rows_of_unit, width, writer.fonts.regular,
                                              writer.fonts.bold, brand, size=size,
                                              label_width=label_width)
        alt = charts.describe(rows_of_unit, kit)
        sheet += [writer.para(caption, "caption"),
                  writer.tag(Chart(drawing, decoration), "Figure", Alt=alt), Spacer(1, 4)]
    # the fact sheet reads as one piece: on a page of its own rather than a
    # table at the foot of the release and a lone chart overleaf
    return [KeepTogether(sheet)]


class Chart(Flowable):  # type: ignore[misc]
    """A chart's drawing and its decoration (the axis), drawn over it as an artifact.

    It tags itself: drawn for a structure element (the ``Figure``), the
    drawing is that element's content and the decoration an artifact."""

    tags_itself = True

    def __init__(self, drawing: Drawing, decoration: Drawing) -> None:
        super().__init__()
        self.drawing, self.decoration = drawing, decoration
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        tags = tags_of(canvas)
        owner = tags.owner if tags is not None else None
        if tags is not None and owner is not None and not tags.is_open:
            with tags.content(canvas, owner):
                renderPDF.draw(self.drawing, canvas, 0, 0)
        else:
            renderPDF.draw(self.drawing, canvas, 0, 0)
        with artifact(canvas):
            renderPDF.draw(self.decoration, canvas, 0, 0)


def _annexes(writer: Writer) -> list[Flowable]:
    kit, release = writer.kit, writer.kit.release
    story: list[Flowable] = []
    if release.boilerplate:
        heading = kit.t("About {organisation}", organisation=release.organisation)
        story.append(writer.para(heading, "heading", outline=heading))
        # inline Markdown as in the body (a link is a link, as on the web page)
        story += [writer.marked(line, "small") for line in release.boilerplate]
    if release.contact:
        heading = kit.t("Media contact")
        # the media contact block on one page: a journalist copies it whole
        story.append(KeepTogether([writer.para(heading, "heading", outline=heading),
                                   *(writer.marked(line, "small") for line in release.contact)]))
    return story
