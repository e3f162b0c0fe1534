"""A figure in the PDF: the picture at the width of its column, its caption and
credit below, kept on one page together (a caption never parts from its picture).

Tagged PDF: the picture is a ``Figure`` whose ``/Alt`` is the Markdown alt text
(which the kit prints as the caption), else the credit; the caption is its
child ``Caption`` (as PDF/UA and the DOCX keep them together), the credit a ``P``
after it."""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether

from pressctl.render.pdf.writer import Writer
from pressctl.render.picture import Picture, prepare
from pressctl.source.inline import plain
from pressctl.source.release import Block


class PictureFlowable(Flowable):  # type: ignore[misc]
    """The picture, prepared for the width it is drawn at (at most 300 dpi there)."""

    def __init__(self, block: Block, space_after: float = 4.0) -> None:
        super().__init__()
        assert block.image is not None
        self.block = block
        self.picture: Picture | None = None
        self.space_after = space_after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        assert self.block.image is not None
        self.picture = prepare(self.block.image, available_width)
        self.width, self.height = self.picture.width, self.picture.height
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return 6.0

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.space_after

    def draw(self) -> None:
        assert self.picture is not None
        self.canv.drawImage(ImageReader(io.BytesIO(self.picture.data)), 0, 0,
                            self.picture.width, self.picture.height)


def figure(writer: Writer, block: Block) -> Flowable:
    """The figure for the page's story, on one page."""
    return KeepTogether(figure_parts(writer, block))


def figure_parts(writer: Writer, block: Block) -> list[Flowable]:
    """Picture, caption and credit (a table cell of the bilingual edition keeps them
    together as a row does)."""
    alt = plain(block.text or block.credit or "")
    picture = writer.tag(PictureFlowable(block), "Figure", Alt=alt)
    parts: list[Flowable] = [picture]
    if block.text:
        caption = writer.para(block.text, "figcaption")
        picture.element.follow(caption.element)  # the Caption is the Figure's child
        parts.append(caption)
    if block.credit:
        parts.append(writer.para(block.credit, "credit"))
    return parts
