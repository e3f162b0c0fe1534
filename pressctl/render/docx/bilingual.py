"""The bilingual DOCX: source and translation side by side, row by row.

Reviewers check a translation sentence against sentence and bilingual media
quote both versions, so every release element gets one table row with the
source on the left and the translation on the right; a row never splits
across pages without its other half, so the two sides stay level.  Each side's runs carry their own
language (``w:lang``) and fonts, so spelling, line breaking and the CJK font
follow the text, not the document.
"""

from __future__ import annotations

import math
from itertools import zip_longest

from docx.oxml.ns import qn
from docx.shared import Emu, Mm
from lxml import etree

from pressctl.core.script import ems as text_ems
from pressctl.kit import Kit, attribution_dash, figure_with_period, language_name, split_speaker
from pressctl.render.docx import package as docx_package
from pressctl.render.docx.document import (
    ANNEX_HEADING,
    EMU_PER_TWIP,
    Writer,
    heading_style,
    new_document,
    package,
    page_pattern,
    styled,
    table_layout,
)
from pressctl.render.docx.face import Face, face_for
from pressctl.render.docx.figure import add_figure
from pressctl.render.docx.lists import Lists
from pressctl.render.docx.styles import CELL_MARGIN
from pressctl.render.docx.table import add_table, mark_row
from pressctl.render.docx.text import property_text
from pressctl.render.docx.watermark import watermark_run
from pressctl.source.release import Block, BlockKind

Side = tuple[Kit, Face]
#: The average advance of a Latin character in a column, in ems, for the estimate of how
#: many lines a cell takes (a row split or kept whole).
LATIN_EMS = 0.5


def build_bilingual(source: Kit, target: Kit) -> bytes:
    src_face = face_for(source, source.faces.regular)
    tgt_face = face_for(target, target.faces.regular)
    cjk = target if target.cjk else source
    east = cjk.east_asian_tag
    # styles name the CJK face for East Asian text and the source's Latin face;
    # the Latin look (ragged right) suits both halves of a narrow column
    style_face = Face(family=(tgt_face if target.cjk else src_face).family,
                      latin=src_face.latin, lang=src_face.lang, east_asian_lang=east,
                      cjk=False)
    document, section, text_width = new_document(source, style_face)
    _fit_columns(document.styles.element)
    writer = Writer(document, source, style_face)
    sides: tuple[Side, Side] = ((source, src_face), (target, tgt_face))

    letterhead = writer.paragraph("Letterhead", source.release.organisation, face=src_face)
    writer.run(letterhead, "\t")
    writer.run(letterhead, source.t("Press release"), style="LetterheadLabel", face=src_face)
    writer.run(letterhead, "  ·  ", style="LetterheadLabel", face=src_face)
    writer.run(letterhead, target.t("Press release"), style="LetterheadLabel", face=tgt_face)
    label = writer.paragraph("ReleaseLabel", source.release_label, face=src_face)
    writer.run(label, "  ·  ", face=src_face)
    writer.run(label, target.release_label, face=tgt_face)
    if target.legend:  # a draft showing machine drafts: what its highlights mean
        writer.marked(writer.paragraph("Contact", face=tgt_face), target.legend, face=tgt_face)
    writer.paragraph("Title", source.release.title, face=src_face)
    writer.paragraph("Subtitle", target.release.title, face=tgt_face)
    date = writer.paragraph("Dateline", source.date_text, face=src_face)
    writer.run(date, "  ·  ", face=src_face)
    writer.run(date, target.date_text, face=tgt_face)

    rows = _rows(sides)
    lists = (Lists(document, src_face, source.bullets), Lists(document, tgt_face, target.bullets))
    column_width = Emu(int(text_width / 2) - 2 * CELL_MARGIN * EMU_PER_TWIP)
    table = document.add_table(rows=1 + len(rows), cols=2)
    table.style = document.styles["Bilingual Table"]
    table_layout(table, text_width, (0.5, 0.5))
    mark_row(table.rows[0], header=True)
    for cell, (kit, face) in zip(table.rows[0].cells, sides, strict=True):
        paragraph = cell.paragraphs[0]
        styled(paragraph, "FactTableHeader")
        writer.run(paragraph, language_name(kit), face=face)
    column_ems = (text_width / Mm(1) / 2 - 2 * CELL_MARGIN / 56.7) * 72 / 25.4 / COLUMN_SIZE
    for row, contents in zip(table.rows[1:], rows, strict=True):
        if max(_lines(cell, column_ems) for cell, _face in contents) <= UNSPLIT_LINES:
            mark_row(row, header=False)
        for cell, (paragraphs, face) in zip(row.cells, contents, strict=True):
            for index, (style, text, name_style) in enumerate(paragraphs):
                if isinstance(name_style, Block) and name_style.kind is BlockKind.FIGURE:
                    add_figure(writer, name_style, column_width, container=cell, face=face,
                               first=cell.paragraphs[0])
                    continue
                if isinstance(name_style, Block) and name_style.kind is BlockKind.TABLE:
                    cell._tc.remove(cell.paragraphs[0]._p)  # the table opens the cell
                    add_table(writer, name_style, column_width, container=cell, face=face)
                    continue
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                styled(paragraph, style)
                if isinstance(name_style, Block):  # each column numbers its own lists
                    lists[face is tgt_face].apply(paragraph, name_style)
                    writer.marked(paragraph, text, face=face)
                elif name_style == MARKDOWN:
                    writer.marked(paragraph, text, face=face)
                elif name_style:
                    name, rest = split_speaker(text)
                    writer.run(paragraph, attribution_dash(face.cjk), face=face)
                    writer.run(paragraph, name, style=name_style, face=face)
                    if rest:
                        writer.run(paragraph, rest, face=face)
                else:
                    writer.run(paragraph, text, face=face)

    _header_footer(writer, section, sides)
    docx_package.set_metadata(document, source)
    props = document.core_properties
    props.title = property_text(f"{source.release.title} / {target.release.title}")
    props.keywords = property_text(", ".join(dict.fromkeys(
        k.strip() for k in (*source.release.keywords, *target.release.keywords) if k.strip())))
    return package(document, source, style_face,
                   (src_face.latin, src_face.family, tgt_face.latin, tgt_face.family))


#: Styles set in the half-width columns, and what their size is multiplied by:
#: a little smaller than the kit's full measure, as in the bilingual PDF.
COLUMN_STYLES = {"Normal": 0.9, "Lead": 0.9, "Heading1": 0.9, "Heading2": 0.9,
                 "Heading3": 0.9, "Heading4": 0.9, "EndMark": 0.9}
#: Body size in the columns, in points (10.5 pt × 0.9).
COLUMN_SIZE = 9.45
#: A row of at most this many lines (estimated) never splits across pages: word
#: processors apply no widow control to the halves of a split row, and leave
#: "revenue." alone at the head of a page.  Longer rows split, or they would
#: leave much of a page empty.
UNSPLIT_LINES = 15


def _lines(cell: Cell, ems: float) -> int:
    """Lines a cell takes, estimated: Chinese characters one em, the rest half an em."""
    count = 0
    for _style, text, _name in cell:
        width = text_ems(text, LATIN_EMS)
        count += max(1, math.ceil(width / ems))
    return count


def _fit_columns(styles: etree._Element) -> None:
    """Restyle the kit's styles for the table's two columns.

    Type a little smaller (:data:`COLUMN_STYLES`) and without the space between
    paragraphs, which the rows' padding gives (a heading row a little more, as
    in the bilingual PDF); and a key figure no longer keeps with the next one:
    the kit keeps its fact table on one page, but here LibreOffice moves
    chained rows overleaf all together and leaves the foot of a page empty.
    """
    for style in styles.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        p_pr = style.find(qn("w:pPr"))
        factor = COLUMN_STYLES.get(style_id)
        if factor:
            for size in style.iter(qn("w:sz"), qn("w:szCs")):
                size.set(qn("w:val"), str(round(int(size.get(qn("w:val"))) * factor)))
            for spacing in p_pr.findall(qn("w:spacing")) if p_pr is not None else []:
                spacing.set(qn("w:before"), "100" if style_id.startswith("Heading") else "0")
                spacing.set(qn("w:after"), "0")
        if style_id in ("FactTableText", "FactTableFigure"):
            for keep in p_pr.findall(qn("w:keepNext")) if p_pr is not None else []:
                keep.set(qn("w:val"), "0")


#: (paragraph style, text, speaker-name style, or MARKDOWN, or the list item's block)
Cell = list[tuple[str, str, "str | Block | None"]]
#: In place of a speaker-name style: the text is body text with inline Markdown.
MARKDOWN = "markdown"


def _rows(sides: tuple[Side, Side]) -> list[tuple[tuple[Cell, Face], tuple[Cell, Face]]]:
    """One row per release element, each side from its own localised release."""
    (source, src_face), (target, tgt_face) = sides

    def pair(left: Cell, right: Cell) -> tuple[tuple[Cell, Face], tuple[Cell, Face]]:
        return ((left, src_face), (right, tgt_face))

    def block_cell(kit: Kit, block: Block | None) -> Cell:
        if block is None:
            return []
        if block.kind is BlockKind.HEADING:
            return [(heading_style(block.level), block.text, MARKDOWN)]
        if block.kind is BlockKind.ITEM:
            return [("ListParagraph", block.text, block)]
        if block.kind is BlockKind.RULE:
            return [("HorizontalRule", "", None)]
        if block.kind in (BlockKind.TABLE, BlockKind.FIGURE):
            return [("Normal", "", block)]
        style = "Lead" if block is kit.release.lead else "Normal"
        cell: Cell = [(style, block.text, MARKDOWN)]
        if block.kind is BlockKind.QUOTE and block.speaker:
            cell.append(("Speaker", block.speaker, "SpeakerName"))
        return cell

    rows = []
    for attribute in ("subtitle", "dateline"):
        left, right = getattr(source.release, attribute), getattr(target.release, attribute)
        if left or right:
            rows.append(pair([("Subtitle", left or "", None)], [("Subtitle", right or "", None)]))
    for left_block, right_block in zip_longest(source.release.blocks, target.release.blocks):
        rows.append(pair(block_cell(source, left_block), block_cell(target, right_block)))
    rows.append(pair([("EndMark", source.end_mark, None)], [("EndMark", target.end_mark, None)]))
    if source.facts:
        rows.append(pair([(ANNEX_HEADING, source.t("Key figures"), None)],
                         [(ANNEX_HEADING, target.t("Key figures"), None)]))
        for left_fact, right_fact in zip(source.facts, target.facts, strict=False):
            rows.append(pair(
                [("FactTableText", left_fact.label, None),
                 ("FactTableFigure", figure_with_period(left_fact, source.cjk), None)],
                [("FactTableText", right_fact.label, None),
                 ("FactTableFigure", figure_with_period(right_fact, target.cjk), None)]))
    for heading, lines, style in (
            ("About {organisation}", "boilerplate", "Boilerplate"),
            ("Media contact", "contact", "Contact")):
        left_lines = getattr(source.release, lines)
        right_lines = getattr(target.release, lines)
        if not (left_lines or right_lines):
            continue
        rows.append(pair(
            [(ANNEX_HEADING, source.t(heading, organisation=source.release.organisation), None)],
            [(ANNEX_HEADING, target.t(heading, organisation=target.release.organisation), None)]))
        rows.append(pair([(style, line, MARKDOWN) for line in left_lines],
                         [(style, line, MARKDOWN) for line in right_lines]))
    return rows


def _header_footer(writer: Writer, section: object, sides: tuple[Side, Side]) -> None:
    (source, src_face), (target, tgt_face) = sides
    draft = source.draft or target.draft
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    first = section.first_page_header.paragraphs[0]  # type: ignore[attr-defined]
    styled(first, "DraftMark")
    running = section.header.paragraphs[0]  # type: ignore[attr-defined]
    styled(running, "Header")
    writer.run(running, source.release.organisation, style="HeaderOrganisation", face=src_face)
    writer.run(running, f"  |  {source.t('Press release')}  ·  ", face=src_face)
    writer.run(running, target.t("Press release"), face=tgt_face)
    writer.run(running, "\t", face=src_face)
    if draft:
        for paragraph, style in ((first, None), (running, "DraftNotice")):
            writer.run(paragraph, source.t("Draft – not for publication"), style=style,
                       face=src_face)
            writer.run(paragraph, "  ·  ", style=style, face=src_face)
            writer.run(paragraph, target.t("Draft – not for publication"), style=style,
                       face=tgt_face)
        for number, paragraph in enumerate((first, running), start=1):
            paragraph._p.append(watermark_run(source.t("DRAFT"), src_face.family, number))
    else:
        writer.run(running, source.date_text, face=src_face)
    for footer in (section.first_page_footer, section.footer):  # type: ignore[attr-defined]
        paragraph = footer.paragraphs[0]
        styled(paragraph, "Footer")
        title = source.release.title
        writer.run(paragraph, title if len(title) <= 60 else title[:59].rstrip() + "…",
                   face=src_face)
        writer.run(paragraph, "\t", face=src_face)
        for index, (kit, face) in enumerate(sides):
            if index:
                writer.run(paragraph, "  ·  ", face=src_face)
            for literal, field in page_pattern(kit.t("Page {page} of {pages}")):
                if literal:
                    writer.run(paragraph, literal, face=face)
                if field:
                    writer.field(paragraph, field, "1")
