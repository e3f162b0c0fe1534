"""A figure in DOCX: the picture (the same bytes as the PDF's), its caption and credit.

The picture carries the caption as its alternative text (``wp:docPr/@descr``)
for screen readers and for editors who pick it from the document; the
picture's paragraph keeps with the caption, and the caption with the credit.
"""

from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.shared import Emu

from pressctl.release import Block
from pressctl.render.docx_document import Writer
from pressctl.render.docx_styles import Face
from pressctl.render.docx_text import clean
from pressctl.render.picture import prepare

EMU_PER_POINT = 12700


def add_figure(writer: Writer, block: Block, width: Emu, container: object = None,
               face: Face | None = None, first: object = None) -> None:
    """Append the figure to the document, or to a table cell (``container``; ``first``
    is the cell's empty first paragraph, used for the picture)."""
    assert block.image is not None
    picture = prepare(block.image, width / EMU_PER_POINT)
    holder = first if first is not None else writer.paragraph("Figure", container=container)
    if first is not None:
        holder._p.get_or_add_pPr().style = "Figure"  # type: ignore[attr-defined]
    run = holder.add_run()  # type: ignore[attr-defined]
    run.add_picture(io.BytesIO(picture.data), width=Emu(round(picture.width * EMU_PER_POINT)))
    for inline in run._r.iter(qn("wp:inline")):
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", clean(block.text))
        doc_pr.set("name", block.image.name)
    if block.text:
        writer.paragraph("FigureCaption", block.text, container=container, face=face)
    if block.credit:
        writer.paragraph("FigureCredit", block.credit, container=container, face=face)
