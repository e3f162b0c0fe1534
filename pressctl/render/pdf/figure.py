"""A figure in the PDF: the picture at the width of its column, its caption and credit
below, kept on one page together (a caption never parts from its picture).

A picture that does not fit below the text is made smaller rather than sent
overleaf with half a page left empty (what word processors and LaTeX floats do):
down to :data:`MIN_SCALE` of its width, in the room left on the page — a tall
picture further, as long as it keeps :data:`MIN_HEIGHT` of the page's text
height (a portrait at 44 % of the width is still a third of a page).  Smaller
than that it would no longer read as the same photograph, so the figure goes
to the next page, and there a picture taller than the whole page is scaled to
fit it (reportlab would otherwise stop with "Flowable too large").

A figure that goes overleaf with more than :data:`FLOAT_ROOM` of its page
left lets the body paragraphs after it (not a heading, list or table) fill the
page first, and comes at the top of the next one (``KitDocTemplate``): the
page is not left half empty.  The structure tree keeps the source's order, so
a screen reader meets the figure where the author put it.

Tagged PDF: the picture is a ``Figure`` whose ``/Alt`` is the Markdown alt text
(which the kit prints as the caption), else the credit; the caption is its
child ``Caption`` (as PDF/UA and the DOCX keep them together), the credit a ``P``
after it."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import FrameBreak

from pressctl.render.pdf.writer import Writer
from pressctl.render.picture import Picture, prepare
from pressctl.source.inline import plain
from pressctl.source.release import Block

#: The smallest share of its width a picture is scaled to so that it stays on its page.
MIN_SCALE = 0.6
#: ... or, for a tall picture, the smallest share of the page's text height it keeps.
MIN_HEIGHT = 0.3
#: A figure that must go overleaf lets the paragraphs after it fill its page first when
#: more than this share of the page is left (a float, as LaTeX places one); less, and
#: the page ends short, as a page before a heading does.
FLOAT_ROOM = 0.2


class PictureFlowable(Flowable):  # type: ignore[misc]
    """The picture, prepared for the width it is drawn at (at most 300 dpi there) and,
    when :attr:`max_height` is set, no taller than that."""

    def __init__(self, block: Block, space_after: float = 4.0) -> None:
        super().__init__()
        assert block.image is not None
        self.block = block
        self.picture: Picture | None = None
        self.space_after = space_after
        self.max_height: float | None = None

    def natural(self, available_width: float) -> tuple[float, float]:
        """Width and height at ``available_width`` before any limit on the height."""
        assert self.block.image is not None
        picture = prepare(self.block.image, available_width)
        return picture.width, picture.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        assert self.block.image is not None
        width, height = self.natural(available_width)
        if self.max_height is not None and height > self.max_height:
            width = width * self.max_height / height
        self.picture = prepare(self.block.image, width)
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


class FigureBlock(KeepTogether):  # type: ignore[misc]
    """Picture, caption and credit on one page, the picture scaled down to stay on the
    page it comes to (see the module's docstring)."""

    def __init__(self, parts: list[Flowable], picture: PictureFlowable) -> None:
        super().__init__(parts)
        self.picture = picture

    def fits(self, canv: Any, aW: float, aH: float, at_top: bool) -> bool:  # noqa: N803
        """Whether the figure stays on a page with ``aH`` left, scaled down if need be."""
        picture = self.picture
        picture.max_height = None
        self._wrapInfo = None
        self.wrapOn(canv, aW, aH)  # KeepTogether's wrap says 0xffffff; its height is _H
        height = self._H
        room = aH - (height - picture.height)
        return height <= aH or at_top or room >= _smallest(picture.height, self)

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        picture = self.picture
        picture.max_height = None
        self.wrap(aW, aH)  # the whole figure with the picture at its natural size
        height = picture.height
        room = aH - (self._H - height)  # what caption, credit and the spaces leave
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if height > room and (at_top or room >= _smallest(height, self)):
            picture.max_height = max(room - 0.05, 1.0)  # prepare() rounds the width
            self._wrapInfo = None  # measure again with the smaller picture
        parts = list(super().split(aW, aH))
        if parts and isinstance(parts[0], type(FrameBreak)):
            # overleaf as a figure still, so that a picture taller than a page is scaled
            return [parts[0], FigureBlock(self._content, picture)]
        return parts


def _smallest(height: float, figure: FigureBlock) -> float:
    """The least height a picture ``height`` tall may be scaled to on this page."""
    frame = getattr(figure, "_frame", None)
    page = getattr(frame, "_height", 0.0)
    return min(MIN_SCALE * height, MIN_HEIGHT * page) if page else MIN_SCALE * height


def figure(writer: Writer, block: Block) -> Flowable:
    """The figure for the page's story, on one page."""
    parts = figure_parts(writer, block)
    return FigureBlock(parts, parts[0].inner)


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
