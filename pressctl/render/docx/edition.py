"""The DOCX press kit, for the editor who cuts the release for a newsroom.

Everything an editor may want to restyle is a named style (see
``docx_styles``), the page numbers are real fields, and the file is
byte-for-byte reproducible.  Reading order follows a corporate release:
letterhead, release label, title, subtitle, date line, lead, body with
pull-quotes, the end mark, then the fact sheet (table and charts), the
boilerplate and the media contact as annexes, the way Chinese releases put
（完） before “关于……” and English ones put ### before the boilerplate.
"""

from __future__ import annotations

from docx.shared import Emu, Mm
from docx.text.paragraph import Paragraph

from pressctl.core.fonts import FontSet
from pressctl.kit import Kit, attribution_dash, pull_quote, pull_quote_marked, split_speaker
from pressctl.render.docx import chart as docx_chart
from pressctl.render.docx import package as docx_package
from pressctl.render.docx.document import (
    ANNEX_HEADING,
    Writer,
    caption_table,
    heading_style,
    new_document,
    package,
    page_pattern,
    styled,
    table_layout,
)
from pressctl.render.docx.face import face_for
from pressctl.render.docx.figure import add_figure, add_picture
from pressctl.render.docx.lists import Lists
from pressctl.render.docx.table import add_table, mark_row
from pressctl.render.docx.watermark import watermark_run
from pressctl.source.release import Block, BlockKind, introduces_list


def build(kit: Kit) -> bytes:
    fonts = kit.faces
    face = face_for(kit, fonts.regular)
    document, section, text_width = new_document(kit, face)
    writer = Writer(document, kit, face)
    _front_matter(writer)
    _body(writer, text_width)
    writer.paragraph("EndMark", kit.end_mark)
    _fact_sheet(writer, fonts, text_width)
    _annexes(writer)
    _headers_and_footers(writer, section)
    docx_package.set_metadata(document, kit)
    return package(document, kit, face, (face.latin, face.family))


def _front_matter(writer: Writer) -> None:
    kit, release = writer.kit, writer.kit.release
    letterhead = writer.paragraph("Letterhead", release.organisation)
    writer.run(letterhead, "\t")
    writer.run(letterhead, kit.t("Press release"), style="LetterheadLabel")
    if kit.legend:  # a draft showing machine drafts: what its highlights mean, first
        writer.marked(writer.paragraph("Contact"), kit.legend)
    writer.paragraph("ReleaseLabel", kit.release_label)
    writer.paragraph("Title", release.title)
    if release.subtitle:
        writer.paragraph("Subtitle", release.subtitle)
    writer.paragraph("Dateline", kit.date_line)


def _body(writer: Writer, text_width: Emu) -> None:
    release = writer.kit.release
    lead = release.lead
    lists = Lists(writer.document, writer.face, writer.kit.bullets)
    for index, block in enumerate(release.blocks):
        if block.kind is BlockKind.RULE:
            writer.paragraph("HorizontalRule")
            continue
        if block.kind is BlockKind.FIGURE:
            add_figure(writer, block, text_width)
            continue
        if block.kind is BlockKind.TABLE:
            add_table(writer, block, text_width)
            writer.paragraph("TableSpacer")
            continue
        if block.kind is BlockKind.ITEM:
            paragraph = writer.paragraph("ListParagraph")
            lists.apply(paragraph, block)
            writer.marked(paragraph, block.text)
            continue
        if block.kind is BlockKind.HEADING:
            writer.marked(writer.paragraph(heading_style(block.level)), block.text)
            continue
        quotation = block.kind is BlockKind.QUOTE and block is not lead
        paragraph = writer.paragraph("Lead" if block is lead else
                                     "Quotation" if quotation else "Normal")
        if introduces_list(release.blocks, index):
            paragraph.paragraph_format.keep_with_next = True  # with the list it introduces
        writer.marked(paragraph, block.text)
        if block.kind is BlockKind.QUOTE:
            _pull_quote(writer, block)


def _pull_quote(writer: Writer, block: Block) -> None:
    cjk = writer.kit.cjk
    marked = pull_quote_marked(writer.kit, block)
    if marked:
        writer.marked(writer.paragraph("PullQuote"), marked)
    else:
        writer.paragraph("PullQuote", pull_quote(writer.kit, block))
    if not block.speaker:
        return
    attribution = writer.paragraph("QuoteAttribution", attribution_dash(cjk))
    name, rest = split_speaker(block.speaker)
    writer.run(attribution, name, style="SpeakerName")
    if rest:
        writer.run(attribution, rest)


def _fact_sheet(writer: Writer, fonts: FontSet, text_width: Emu) -> None:
    kit = writer.kit
    if not kit.facts:
        return
    writer.paragraph("FactSheetHeading", kit.t("Key figures"))
    header = kit.fact_header
    table = writer.document.add_table(rows=1 + len(kit.facts), cols=len(header))
    table.style = writer.document.styles["Fact Table"]
    table_layout(table, text_width, (0.55, 0.28, 0.17) if kit.periods else (0.62, 0.38))
    caption_table(table, kit.t("Key figures"))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(writer, cell, "FactTableHeader", text)
    mark_row(table.rows[0], header=True)
    for row, fact in zip(table.rows[1:], kit.facts, strict=True):
        texts = (fact.label, fact.value_text, fact.period_text)[:len(header)]
        styles = ("FactTableText", "FactTableFigure", "FactTableText")[:len(header)]
        for cell, style, text in zip(row.cells, styles, texts, strict=True):
            _cell_text(writer, cell, style, text)
        mark_row(row, header=False)
    width_mm = text_width / Mm(1)
    for chart in docx_chart.charts(kit, fonts, width_mm):
        writer.paragraph("Caption", chart.caption)
        add_picture(writer.paragraph("Chart"), chart.png, Mm(chart.width_mm),
                    name=chart.caption, descr=chart.description)


def _cell_text(writer: Writer, cell: object, style: str, text: str) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    styled(paragraph, style)
    writer.run(paragraph, text)


def _annexes(writer: Writer) -> None:
    kit, release = writer.kit, writer.kit.release
    if release.boilerplate:
        writer.paragraph(ANNEX_HEADING, kit.t("About {organisation}",
                                           organisation=release.organisation))
        for line in release.boilerplate:  # inline Markdown, links as links, as the body
            writer.marked(writer.paragraph("Boilerplate"), line)
    if release.contact:
        writer.paragraph(ANNEX_HEADING, kit.t("Media contact"))
        for line in release.contact:
            writer.marked(writer.paragraph("Contact"), line)


def _footer_line(writer: Writer, paragraph: Paragraph) -> None:
    kit = writer.kit
    title = kit.release.title
    limit = 48 if kit.cjk else 80
    writer.run(paragraph, title if len(title) <= limit else title[:limit - 1].rstrip() + "…")
    writer.run(paragraph, "\t")
    for literal, field in page_pattern(kit.t("Page {page} of {pages}")):
        if literal:
            writer.run(paragraph, literal)
        if field:
            writer.field(paragraph, field, "1")


def _headers_and_footers(writer: Writer, section: object) -> None:
    """Page 1 carries the letterhead, so its header stays empty; later pages repeat
    the organisation and the date (a draft build shows its notice there instead)."""
    kit = writer.kit
    notice = kit.t("Draft – not for publication")
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    first = section.first_page_header.paragraphs[0]  # type: ignore[attr-defined]
    styled(first, "DraftMark")
    if kit.draft:
        writer.run(first, notice)
    running = section.header.paragraphs[0]  # type: ignore[attr-defined]
    styled(running, "Header")
    writer.run(running, kit.release.organisation, style="HeaderOrganisation")
    writer.run(running, f"  |  {kit.t('Press release')}\t")
    if kit.draft:
        writer.run(running, notice, style="DraftNotice")
    else:
        writer.run(running, kit.date_text)
    if kit.draft:
        for number, paragraph in enumerate((first, running), start=1):
            paragraph._p.append(watermark_run(kit.t("DRAFT"), writer.face.family, number))
    for footer in (section.first_page_footer, section.footer):  # type: ignore[attr-defined]
        paragraph = footer.paragraphs[0]
        styled(paragraph, "Footer")
        _footer_line(writer, paragraph)
