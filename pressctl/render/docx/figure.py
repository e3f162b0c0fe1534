"""A figure in DOCX: the picture (the same bytes as the PDF's), its caption and credit.

The picture carries the caption (the seed's alt text, in the kit's language)
as its alternative text, ``wp:docPr/@descr``: what screen readers say, what
Word's and LibreOffice's accessibility checkers look for, and the ``/Alt`` of
LibreOffice's tagged PDF.  The picture's paragraph keeps with the caption, and
the caption with the credit; a tall picture is made small enough to share a page
with them (:data:`PAGE_SHARE`).
"""

from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.shared import Emu, Length

from pressctl.render.docx.document import Writer
from pressctl.render.docx.face import Face
from pressctl.render.docx.text import clean
from pressctl.render.picture import prepare
from pressctl.source.inline import plain
from pressctl.source.release import Block

EMU_PER_POINT = 12700


def add_figure(writer: Writer, block: Block, width: Emu, container: object = None,
               face: Face | None = None, first: object = None) -> None:
    """Append the figure to the document, or to a table cell (``container``; ``first``
    is the cell's empty first paragraph, used for the picture)."""
    assert block.image is not None
    picture = prepare(block.image, width / EMU_PER_POINT)
    tallest = _tallest(writer) / EMU_PER_POINT
    if picture.height > tallest:  # a portrait picture as wide as the text: fit the page
        picture = prepare(block.image, picture.width * tallest / picture.height)
    holder = first if first is not None else writer.paragraph("Figure", container=container)
    if first is not None:
        holder._p.get_or_add_pPr().style = "Figure"  # type: ignore[attr-defined]
    caption = plain(block.text)
    add_picture(holder, picture.data, Emu(round(picture.width * EMU_PER_POINT)),
                name=block.image.name, descr=caption)
    if block.text:
        writer.paragraph("FigureCaption", block.text, container=container, face=face)
    if block.credit:
        writer.paragraph("FigureCredit", block.credit, container=container, face=face)


#: The share of the page's text height a picture may take: the rest holds its caption and
#: credit (Word and LibreOffice push a caption that does not fit to the next page).
PAGE_SHARE = 0.8


def _tallest(writer: Writer) -> float:
    """The tallest a picture may be, in EMU: a share of the last section's text height."""
    section = writer.document.sections[-1]
    text = (section.page_height or 0) - (section.top_margin or 0) - (section.bottom_margin or 0)
    return PAGE_SHARE * text if text > 0 else float("inf")


def add_picture(paragraph: object, data: bytes, width: Length, *, name: str,
                descr: str) -> None:
    """An inline picture with its alternative text, in a run of its own.

    ``descr`` is what Word's and LibreOffice's checkers want and what
    LibreOffice's tagged PDF gives the Figure as /Alt.  No ``title``: LibreOffice
    writes "title - descr" as the /Alt, and a screen reader would read the
    caption twice; ``name`` (the file or the chart's caption) names the object in
    Word's selection pane.  Explicit zero distances: without them LibreOffice adds
    its own 3 mm on the left.  Used by figures and by the fact sheet's charts.
    """
    run = paragraph.add_run()  # type: ignore[attr-defined]
    run.add_picture(io.BytesIO(data), width=width)
    for inline in run._r.iter(qn("wp:inline")):
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("name", clean(name))
        doc_pr.set("descr", clean(descr))
