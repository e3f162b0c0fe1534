"""A GFM table from the seed, in DOCX: a real Word table.

The header row is marked to repeat at the head of each page (``w:tblHeader``)
and styled like the fact sheet's; rows do not split across pages; cells
hold the body's inline markup and are aligned per column like the PDF
(:mod:`table_layout`); the column widths are fixed shares of the width the
table is given (the text width, or a column of the bilingual edition).
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Emu, Pt
from docx.table import _Row

from pressctl.render.docx.document import Writer, styled, table_layout
from pressctl.render.docx.face import Face
from pressctl.render.table_layout import PADDING_EMS, alignments, keep_whole, kept_ems, shares
from pressctl.source.release import Block

#: The table text's size in points (the fact table styles'), for the column widths.
SIZE = 9.5
JC = {"left": "left", "center": "center", "right": "right"}


def mark_row(row: _Row, header: bool) -> None:
    """Mark one table row, for every Word table in the kits (the seed's tables, the fact
    sheet, the bilingual edition): ``header`` sets ``w:tblHeader`` (Word repeats the row
    at the head of each page, and a screen reader announces its cells as the column
    headers); otherwise ``w:cantSplit`` (the row is not broken across pages)."""
    row._tr.get_or_add_trPr().append(
        parse_xml(f'<w:{"tblHeader" if header else "cantSplit"} {nsdecls("w")}/>'))


def add_table(writer: Writer, block: Block, width: Emu, container: object = None,
              face: Face | None = None) -> None:
    """Append ``block``'s table to the document (or to a table cell, ``container``)."""
    aligns = alignments(block)
    target = container if container is not None else writer.document
    table = target.add_table(rows=len(block.rows), cols=len(aligns))  # type: ignore[attr-defined]
    table.style = writer.document.styles["Fact Table"]
    parts = shares(block, width / Pt(SIZE))
    table_layout(table, width, tuple(parts))
    # an amount or a date stays whole (no-break spaces) in a column wide enough for it
    whole = [kept_ems(block, i) + PADDING_EMS <= share * width / Pt(SIZE)
             for i, share in enumerate(parts)]
    for number, (row, cells) in enumerate(zip(table.rows, block.rows, strict=True)):
        mark_row(row, header=number == 0)
        texts = list(cells) + [""] * (len(aligns) - len(cells))
        for cell, text, align, keep in zip(row.cells, texts, aligns, whole, strict=True):
            paragraph = cell.paragraphs[0]
            styled(paragraph, "FactTableHeader" if number == 0 else "FactTableText")
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:jc {nsdecls("w")} w:val="{JC[align]}"/>'))
            if text:
                writer.marked(paragraph, keep_whole(text) if keep else text, face=face)
