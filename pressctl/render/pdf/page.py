"""The pages both PDF editions share: template, furniture drawn on the canvas, the layout.

The kit (``edition``) and the bilingual edition lay out different stories on
the same pages: letterhead band, running header, footer "Page X of Y" (drawn
at save time, so each PDF is laid out once), draft mark, bookmarks, then the
archival step (``archive.finish``).  Styles are ``style.py``, the paragraphs
``writer.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from pressctl.kit import Kit
from pressctl.render.pdf.archive import ArchiveMeta, finish
from pressctl.render.pdf.figure import FLOAT_ROOM, FigureBlock
from pressctl.render.pdf.fonts import PdfFonts, draw_outlines
from pressctl.render.pdf.linebreak import clean, pieces
from pressctl.render.pdf.structure import structure
from pressctl.render.pdf.style import BAND_HEIGHT, DRAFT_RED, GREY, HAIRLINE, colour_of
from pressctl.render.pdf.tags import Tags, artifact, story_elements
from pressctl.render.pdf.writer import KeepWithFirstLines


class KitDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Adds a PDF bookmark for every flowable that carries an ``outline``; keeps
    headings with the start of what follows (:class:`KeepWithFirstLines`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, keepTogetherClass=KeepWithFirstLines, **kwargs)

    #: Bookmark depth by paragraph style: the headings nest under the title, as the DOCX's
    #: Heading 1/2/3 do (a flowable may say its own ``outline_level``).
    LEVELS = {"title": 0, "heading": 1, "subheading": 2}

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """A figure that would go overleaf floats below the paragraphs that follow it
        while they fill its page (see :mod:`pressctl.render.pdf.figure`)."""
        if len(flowables) > 1 and isinstance(flowables[0], FigureBlock) and \
                _flows(flowables[1]) and self._float(flowables[0]):
            flowables[0], flowables[1] = flowables[1], flowables[0]
        super().handle_flowable(flowables)

    def _float(self, figure: FigureBlock) -> bool:
        frame = self.frame
        at_top = bool(getattr(frame, "_atTop", False))
        left = frame._y - frame._y1p - (0 if at_top else figure.getSpaceBefore())
        if at_top or left <= FLOAT_ROOM * frame._height:
            return False
        figure._frame = frame  # where it would go: the page's height bounds its scaling
        return not figure.fits(self.canv, frame._getAvailableWidth(), left, at_top)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        outline = getattr(flowable, "outline", None)
        if not outline:
            return
        title, key = outline
        level = getattr(flowable, "outline_level", None)
        if level is None:
            level = self.LEVELS.get(getattr(getattr(flowable, "style", None), "name", ""), 1)
        # never deeper than one below the last (a PDF outline cannot skip a level)
        level = min(level, getattr(self, "_last_level", -1) + 1)
        self._last_level = level
        top = self.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
        self.canv.bookmarkHorizontal(key, 0, top + 6)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)


Side = tuple[Kit, PdfFonts]


def _flows(flowable: Flowable) -> bool:
    """A body paragraph, which may fill the page before a floating figure."""
    element = getattr(flowable, "element", None)
    style = getattr(getattr(flowable, "style", None), "name", "")
    return element is not None and element.role == "P" and style == "body" and \
        not getattr(flowable, "keepWithNext", 0)


class Pages:
    """What is drawn around the text: letterhead, running header, footer, draft mark.

    A bilingual edition has two sides (source and translation); every label
    is then given in both languages, each in its own fonts.
    """

    def __init__(self, sides: list[Side], size: tuple[float, float]) -> None:
        self.sides = sides
        self.kit, self.fonts = sides[0]
        self.width, self.height = size
        top, right, bottom, left = (v * mm for v in self.kit.margins_mm)
        self.top, self.right, self.bottom, self.left = top, right, bottom, left
        self.brand = colour_of(self.kit.colour)

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    def first_frame_top(self) -> float:
        return self.height - max(self.top, BAND_HEIGHT + 11 * mm)

    def both(self, wording: Callable[[Kit], str], bold: bool = False) -> list[tuple[str, str]]:
        """The same label in every side's language and font, for :func:`labels`."""
        return [(wording(kit), fonts.bold if bold else fonts.regular)
                for kit, fonts in self.sides]

    def first(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.footer(canvas, doc.page)
        with artifact(canvas, "Header"):
            self._first(canvas)
        self.draft(canvas, self.height - BAND_HEIGHT - 6 * mm)

    def _first(self, canvas: Canvas) -> None:
        kit, fonts = self.kit, self.fonts
        canvas.saveState()
        canvas.setFillColor(self.brand)
        canvas.rect(0, self.height - BAND_HEIGHT, self.width, BAND_HEIGHT, stroke=0, fill=1)
        middle = self.height - BAND_HEIGHT / 2
        canvas.setFillColor(colors.white)
        label(canvas, self.left, middle - 17 * 0.35, kit.release.organisation, fonts.bold, 17)
        labels(canvas, self.width - self.right, middle - 10 * 0.35,
               self.both(lambda k: k.t("Press release")), 10, right=True)
        canvas.restoreState()

    def later(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.footer(canvas, doc.page)
        with artifact(canvas, "Header"):
            self._later(canvas)
        self.draft(canvas, self.height - self.top + 10 * mm)

    def _later(self, canvas: Canvas) -> None:
        kit, fonts = self.kit, self.fonts
        canvas.saveState()
        y = self.height - self.top + 5 * mm
        canvas.setFillColor(self.brand)
        offset = label(canvas, self.left, y, kit.release.organisation, fonts.bold, 8.5)
        canvas.setFillColor(GREY)
        x = self.left + offset + 5
        x += label(canvas, x, y, "|", fonts.regular, 8.5) + 5
        labels(canvas, x, y, self.both(lambda k: k.t("Press release")), 8.5)
        label(canvas, self.width - self.right, y, kit.date_text, fonts.regular, 8.5, right=True)
        canvas.setStrokeColor(HAIRLINE)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, y - 2.5 * mm, self.width - self.right, y - 2.5 * mm)
        canvas.restoreState()

    def draft(self, canvas: Canvas, label_y: float) -> None:
        """DRAFT across the page, as outlines so it never mixes into the extracted text."""
        if not any(kit.draft for kit, _ in self.sides):
            return
        with artifact(canvas, "Watermark"):
            self._draft(canvas, label_y)

    def _draft(self, canvas: Canvas, label_y: float) -> None:
        kit = self.kit
        canvas.saveState()
        canvas.setFillColor(DRAFT_RED)
        labels(canvas, self.width - self.right, label_y,
               self.both(lambda k: k.t("Draft – not for publication"), bold=True), 8.5,
               right=True)
        path = canvas.beginPath()
        advance, upm = draw_outlines(self.fonts, clean(kit.t("DRAFT")), path)
        if advance:
            diagonal = (self.width ** 2 + self.height ** 2) ** 0.5
            scale = min(diagonal * 0.55 / advance, 170 / upm)  # at most 170 pt high
            canvas.translate(self.width / 2, self.height / 2)
            canvas.rotate(45)
            canvas.scale(scale, scale)
            canvas.translate(-advance / 2, -upm * 0.35)
            canvas.setFillColor(DRAFT_RED, alpha=0.09)
            canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()

    def footer(self, canvas: Canvas, page: int) -> None:
        """The footer of page ``page``, drawn when the number of pages is known."""
        if isinstance(canvas, KitCanvas):
            canvas.defer(lambda c, pages: self.draw_footer(c, page, pages))
        else:
            self.draw_footer(canvas, page, page)

    def draw_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        with artifact(canvas, "Footer"):
            self._draw_footer(canvas, page, pages)

    def _draw_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        kit, fonts = self.kit, self.fonts
        canvas.saveState()
        y = self.bottom - 9 * mm
        canvas.setStrokeColor(HAIRLINE)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, y + 4 * mm, self.width - self.right, y + 4 * mm)
        canvas.setFillColor(GREY)
        page_labels = self.both(lambda k: k.page_label(page, pages))
        if len(self.sides) == 1:
            used = labels(canvas, self.width - self.right, y, page_labels, 8, right=True)
            room = self.text_width - used - 10 * mm
            label(canvas, self.left, y, _fit(clean(kit.release.title), fonts.regular, 8, room),
                  fonts.regular, 8)
        else:
            # one centred line across both columns: text extraction (poppler) sorts a
            # footer under one column in among the other column's paragraphs
            room = self.text_width * 0.6
            parts = [(_fit(clean(kit.release.title), fonts.regular, 8, room), fonts.regular),
                     *page_labels]
            width = labels(canvas, 0, -100, parts, 8, measure=True)
            labels(canvas, self.left + (self.text_width - width) / 2, y, parts, 8)
        canvas.restoreState()


def label(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
          right: bool = False) -> float:
    """Draw one line from ``x`` (or ending at ``x``) with the body's autospace; its width."""
    parts, width = pieces(text, font, size)
    start = x - width if right else x
    for offset, part in parts:
        canvas.setFont(font, size)
        canvas.drawString(start + offset, y, part)
    return float(width)


def labels(canvas: Canvas, x: float, y: float, texts: list[tuple[str, str]], size: float,
           right: bool = False, measure: bool = False) -> float:
    """Several (text, font) labels on one line, "  ·  " between them; their width."""
    separator = 1.6 * size
    dot = stringWidth("·", texts[0][1], size)
    widths = [pieces(text, font, size)[1] for text, font in texts]
    total = sum(widths) + separator * (len(texts) - 1)
    if measure:
        return total
    position = x - total if right else x
    for index, ((text, font), width) in enumerate(zip(texts, widths, strict=True)):
        if index:
            label(canvas, position - separator / 2 - dot / 2, y, "·", texts[0][1], size)
        label(canvas, position, y, text, font, size)
        position += width + separator
    return total


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class KitCanvas(Canvas):  # type: ignore[misc]
    """A canvas that draws what depends on the number of pages ("Page X of Y") at save
    time.  (Document dates and the rest of the metadata are written once, by
    ``archive.finish``; reportlab's own run in invariant mode.)

    Each page is laid out once.  :meth:`defer` leaves a marker line (a PDF
    comment) where the footer goes in the page's content stream; the page is
    then finished as usual, so bookmarks and links point at the right pages
    (the classic "NumberedCanvas" holds pages back instead, and every bookmark
    made meanwhile lands on the first page).  :meth:`save` knows the total,
    draws each deferred footer on its own and puts its operators in place of
    the marker, before reportlab compresses and writes the streams and the
    font subsets.  The operators are those the footer would have drawn at the
    start of its page (it saves and restores the graphics state and sets its
    own font and colours), so the page looks the same; the bytes depend only
    on the inputs.
    """

    #: the recorder of marked content (tagged PDF), set per document by :func:`lay_out`
    tags: Tags | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.showOutline()
        self._pending: list[tuple[str, Callable[[Canvas, int], None]]] = []
        self._deferred: list[tuple[Any, str, Callable[[Canvas, int], None]]] = []

    def defer(self, draw: Callable[[Canvas, int], None]) -> None:
        """Call ``draw(canvas, pages)`` at save time, in this place of this page."""
        marker = f"%pressctl-deferred-{self._pageNumber}-{len(self._pending)}"
        self._code.append(marker)
        self._pending.append((marker, draw))

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        pending, self._pending = self._pending, []
        super().showPage()
        page = self._doc.Pages.pages[-1]
        self._deferred += [(page, marker, draw) for marker, draw in pending]

    def save(self) -> None:
        if self._code:
            self.showPage()
        pages = len(self._doc.Pages.pages)
        code: list[str] = self._code  # empty: the last page is finished
        for page, marker, draw in self._deferred:
            draw(self, pages)
            page.stream = page.stream.replace(marker, "\n".join(code), 1)
            code.clear()
        self._deferred = []
        super().save()


def lay_out(pages: Pages, story: Callable[[], list[Flowable]], title: str,
            keywords: list[str]) -> bytes:
    """Lay the document out once; :class:`KitCanvas` fills in "Page X of Y" at the end;
    :func:`~pressctl.render.pdf.archive.finish` makes it PDF/A-2u."""
    kit = pages.kit
    meta = ArchiveMeta(title=clean(title), lang=kit.tag, creator=clean(kit.release.organisation),
                       subject=clean(kit.subject),
                       keywords=tuple(clean(k) for k in keywords), date=kit.release.date,
                       also=tuple(side.tag for side, _ in pages.sides[1:]))
    buffer = io.BytesIO()
    tags = Tags(kit.tag)
    flowables = story()
    tags.document.add(*story_elements(flowables))
    _lay_out(pages, flowables, buffer, tags)
    return finish(buffer.getvalue(), meta, structure(tags))


def _lay_out(pages: Pages, story: list[Flowable], out: io.BytesIO, tags: Tags) -> int:
    """Build the PDF into ``out``, recording its marked content in ``tags``; the
    number of pages."""
    fonts = pages.fonts
    doc = KitDocTemplate(
        out, pagesize=(pages.width, pages.height), leftMargin=pages.left,
        rightMargin=pages.right, topMargin=pages.top, bottomMargin=pages.bottom,
        invariant=1, initialFontName=fonts.regular,  # metadata: archive.finish, once
    )
    first = Frame(pages.left, pages.bottom, pages.text_width,
                  pages.first_frame_top() - pages.bottom, id="first", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(pages.left, pages.bottom, pages.text_width,
                  pages.height - pages.top - pages.bottom, id="later", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate("first", [first], onPage=pages.first, autoNextPageTemplate="later"),
        PageTemplate("later", [later], onPage=pages.later),
    ])
    canvas = type("ReleaseCanvas", (KitCanvas,), {"tags": tags})
    doc.build(story, canvasmaker=canvas)
    return int(doc.page)
