"""What both PDF editions share: page furniture, styles, the writer and the layout.

The kit (``pdf``) and the bilingual edition (``pdf_bilingual``) lay out
different stories on the same pages: letterhead band, running header, footer
"Page X of Y", draft mark, bookmarks, reproducible document dates.  Both
import this module and the bilingual edition never imports the kit, so there
is no import circle; ``pdf`` hands on the bilingual edition's entry point so
that the build finds one module per format.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from pressctl.core.script import has_cjk_letters
from pressctl.kit import Kit, printed_texts
from pressctl.render.pdf.archive import ArchiveMeta, finish
from pressctl.render.pdf.fonts import PdfFonts, draw_outlines
from pressctl.render.pdf.structure import structure
from pressctl.render.pdf.tags import Element, Tagged, Tags, artifact, story_elements
from pressctl.render.pdf.text import BREAK, CJKParagraph, Run, clean, markup, pieces
from pressctl.source.inline import has_markup, plain, spans

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
INK = Color(0.10, 0.10, 0.10)
TEXT = Color(0.15, 0.15, 0.15)
GREY = Color(0.37, 0.39, 0.41)
HAIRLINE = Color(0.82, 0.83, 0.85)
#: Code spans (a command, a file name) are set verbatim in this colour.
CODE = Color(0.42, 0.18, 0.10)
DRAFT_RED = colors.HexColor("#C0262D")
BAND_HEIGHT = 24 * mm


def colour_of(value: str) -> Color:
    try:
        return colors.HexColor(value if value.startswith("#") else f"#{value}")
    except (ValueError, TypeError):
        return colors.HexColor("#1C69D4")


def tint(colour: Color, amount: float) -> Color:
    """``colour`` mixed with white: ``amount`` 0 is white, 1 the colour itself."""
    return Color(*(1 - (1 - c) * amount for c in (colour.red, colour.green, colour.blue)))


def document_text(kit: Kit) -> str:
    """Every character the kit may draw, for the font subset (keywords too: the PDF
    metadata repeats them, and a subset that holds them costs nothing)."""
    return clean("".join([*printed_texts(kit), *kit.release.keywords]))


@dataclass(frozen=True)
class Measures:
    """What differs between Latin and Chinese setting."""

    body: float
    body_leading: float
    lead: float
    lead_leading: float
    title: float
    title_leading: float
    align: int


LATIN = Measures(body=10.5, body_leading=15.5, lead=11.5, lead_leading=16.5, title=22,
                 title_leading=27, align=TA_LEFT)
#: 10.5 pt (五号) with 18 pt leading: Chinese characters fill the em square and
#: need more air between lines than Latin text; justified, as Chinese is set.
CHINESE = Measures(body=10.5, body_leading=18, lead=11, lead_leading=19.5, title=21,
                   title_leading=30, align=TA_JUSTIFY)


def make_styles(kit: Kit, fonts: PdfFonts) -> dict[str, ParagraphStyle]:
    m = CHINESE if kit.cjk else LATIN
    brand = colour_of(kit.colour)
    regular, bold = fonts.regular, fonts.bold

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base = dict(fontName=regular, fontSize=m.body, leading=m.body_leading, textColor=TEXT,
                    alignment=m.align, spaceAfter=m.body_leading * 0.55, allowWidows=0,
                    allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    small = 8.5 if not kit.cjk else 9
    return {
        "label": style("label", fontName=bold, fontSize=small + 0.5, leading=small * 1.5,
                       textColor=brand, alignment=TA_LEFT, spaceAfter=7),
        "title": style("title", fontName=bold, fontSize=m.title, leading=m.title_leading,
                       textColor=INK, alignment=TA_LEFT, spaceAfter=6),
        "subtitle": style("subtitle", fontSize=13, leading=13 * (1.55 if kit.cjk else 1.3),
                          textColor=GREY, alignment=TA_LEFT, spaceAfter=10),
        "date": style("date", fontSize=9.5, leading=14, textColor=GREY, alignment=TA_LEFT,
                      spaceAfter=4),
        "lead": style("lead", fontName=bold, fontSize=m.lead, leading=m.lead_leading,
                      textColor=INK, spaceAfter=m.body_leading * 0.7),
        "body": style("body"),
        # list items sit closer together than paragraphs; the list ends with a body gap
        "item": style("item", spaceAfter=m.body_leading * 0.25),
        "item-last": style("item-last"),
        "heading": style("heading", fontName=bold, fontSize=12.5,
                         leading=12.5 * (1.5 if kit.cjk else 1.3), textColor=brand,
                         alignment=TA_LEFT, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        # a figure's caption under its picture, then the credit line
        "figcaption": style("figcaption", fontSize=9, leading=9 * (1.6 if kit.cjk else 1.4),
                            textColor=INK, alignment=TA_LEFT, spaceBefore=0, spaceAfter=1),
        "credit": style("credit", fontSize=7.5, leading=7.5 * 1.5, textColor=GREY,
                        alignment=TA_LEFT, spaceBefore=0, spaceAfter=m.body_leading * 0.7),
        # ### headings: a step down, in the text colour
        "subheading": style("subheading", fontName=bold, fontSize=11,
                            leading=11 * (1.5 if kit.cjk else 1.3), textColor=INK,
                            alignment=TA_LEFT, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "quote": style("quote", fontSize=12.5, leading=12.5 * (1.65 if kit.cjk else 1.38),
                       textColor=colors.HexColor("#1F3A5F"), spaceAfter=5),
        "speaker": style("speaker", fontSize=9, leading=13.5, textColor=GREY,
                         alignment=TA_LEFT, spaceAfter=0),
        "end": style("end", fontName=bold, fontSize=m.body, textColor=GREY,
                     alignment=TA_CENTER, spaceBefore=8, spaceAfter=18),
        "th": style("th", fontName=bold, fontSize=small + 0.5, leading=small * 1.55,
                    textColor=colors.white, alignment=TA_LEFT, spaceAfter=0),
        "td": style("td", fontSize=9.5, leading=9.5 * (1.55 if kit.cjk else 1.35),
                    alignment=TA_LEFT, spaceAfter=0),
        "figure": style("figure", fontName=bold, fontSize=9.5,
                        leading=9.5 * (1.55 if kit.cjk else 1.35), textColor=INK,
                        alignment=TA_LEFT, spaceAfter=0),
        "period": style("period", fontSize=9.5, leading=9.5 * (1.55 if kit.cjk else 1.35),
                        textColor=GREY, alignment=TA_LEFT, spaceAfter=0),
        "caption": style("caption", fontName=bold, fontSize=9, leading=13, textColor=GREY,
                         alignment=TA_LEFT, spaceBefore=12, spaceAfter=6, keepWithNext=1),
        "small": style("small", fontSize=9.5, leading=9.5 * (1.6 if kit.cjk else 1.4),
                       spaceAfter=2, alignment=TA_LEFT),
    }


class SpacedParagraph(Paragraph):  # type: ignore[misc]
    """reportlab's Paragraph with the space kept at the end of each broken line.

    reportlab drops the space where it breaks a line, so text read from the
    structure tree (a screen reader, ``pdfinfo -struct-text``) runs the last
    word of a line into the first of the next ("Integratewith").  The space
    is drawn after the line's last word, where it paints nothing; a line that
    reportlab squeezes (negative slack) keeps its own spacing.
    """

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 - reportlab's name
        para = self.blPara
        if getattr(para, "kind", 0) == 1:
            self._draw_fragments(debug)
            return
        lines = para.lines
        saved = list(lines)
        # the head of a split paragraph (reportlab marks it) breaks after its last line too
        last = len(lines) if getattr(self, "_splitpara", 0) else len(lines) - 1
        for number, (extra, words) in enumerate(saved[:last]):
            if not words:
                continue
            if extra < -1e-8:  # squeezed: keep the word spacing with one space more
                spaces = len(words) - 1 + " ".join(words).count("\xa0")
                if spaces <= 0:
                    continue
                extra = extra * (spaces + 1) / spaces
            lines[number] = (extra, [*words, ""])
        try:
            super().drawPara(debug)
        finally:
            lines[:] = saved

    def _draw_fragments(self, debug: int) -> None:
        """Lines of styled fragments (several fonts): the space goes after the last
        fragment's text of each left-aligned broken line."""
        lines = self.blPara.lines
        last = len(lines) if getattr(self, "_splitpara", 0) else len(lines) - 1
        changed = []
        if self.style.alignment != TA_JUSTIFY:
            for line in lines[:last]:
                fragments: list[Any] = getattr(line, "words", None) or []
                text = getattr(fragments[-1], "text", None) if fragments else None
                if isinstance(text, str) and text and not text.endswith(" "):
                    fragments[-1].text = text + " "
                    changed.append((fragments[-1], text))
        try:
            super().drawPara(debug)
        finally:
            for fragment, text in changed:
                fragment.text = text


#: The structure element each paragraph style makes (tagged PDF): the title is
#: the one H1, ## headings and the fact sheet's and annexes' headings H2, ###
#: headings and the chart captions H3; table header and body cells TH and TD.
ROLES = {"title": "H1", "heading": "H2", "subheading": "H3", "caption": "H3",
         "figcaption": "Caption", "th": "TH", "td": "TD", "figure": "TD", "period": "TD"}


def role_of(style: str) -> str:
    """The role of a paragraph set in ``style`` (``th-right`` is a ``th``)."""
    for cell in ("th", "td"):
        if style.startswith(f"{cell}-"):
            return ROLES[cell]
    return ROLES.get(style, "P")


class Writer:
    """Builds flowables: reportlab Paragraphs for Latin text, CJKParagraphs for Chinese,
    each with its structure element (:class:`Tagged`); ``lang`` gives every element
    a ``/Lang`` (the columns of the bilingual edition)."""

    def __init__(self, kit: Kit, fonts: PdfFonts, styles: dict[str, ParagraphStyle],
                 lang: str | None = None) -> None:
        self.kit, self.fonts, self.styles = kit, fonts, styles
        self.anchors = 0
        self.lang = lang
        self.heading_level = 0  # of the last heading made, in story order

    def element(self, role: str, **attrs: str) -> Element:
        """A new structure element, in this writer's language if it sets one."""
        if self.lang is not None:
            attrs.setdefault("Lang", self.lang)
        return Element(role, attrs)

    def tag(self, flowable: Flowable, role: str, **attrs: str) -> Tagged:
        """``flowable`` with a new element; a heading never skips a level (a ``###``
        straight after the title is tagged H2), as PDF/UA asks."""
        if re.fullmatch("H[1-6]", role):
            self.heading_level = min(int(role[1]), self.heading_level + 1)
            role = f"H{self.heading_level}"
        return Tagged(flowable, self.element(role, **attrs))

    def para(self, content: str | list[Run], style: str,
             outline: str | None = None, role: str | None = None, **attrs: str) -> Tagged:
        return self.tag(self._para(content, style, outline), role or role_of(style), **attrs)

    def _para(self, content: str | list[Run], style: str,
              outline: str | None = None) -> Flowable:
        runs = [Run(content, self.styles[style].fontName)] if isinstance(content, str) else content
        key = None
        if outline is not None:
            self.anchors += 1
            key = (clean(outline), f"section-{self.anchors}")
        # Chinese inside a Latin paragraph: CJKParagraph breaks it by the Chinese rules
        # and marks it as a Span in Chinese for a screen reader (tagged PDF)
        if self.kit.cjk or any(has_cjk_letters(run.text) for run in runs):
            return CJKParagraph(runs, self.styles[style], outline=key)
        text = "".join(self._markup(run) for run in runs)
        flowable = SpacedParagraph(text, self.styles[style])
        flowable.outline = key
        return flowable

    def marked(self, text: str, style: str, outline: str | None = None,
               role: str | None = None) -> Tagged:
        """A paragraph of body text, its inline Markdown (strong, emphasis, code, links,
        hard breaks) drawn as styled runs.

        Text with markup is set by :class:`CJKParagraph` in every language: it
        draws emphasis oblique (the fonts have no italic) and links as URI
        annotations; plain text keeps reportlab's Paragraph in Latin kits.
        """
        found = spans(text) if has_markup(text) else []
        if not any(s.strong or s.emphasis or s.code or s.href or s.br for s in found):
            heading = plain(outline) if outline is not None else None
            return self.para(plain(text), style, outline=heading, role=role)
        base = self.styles[style].fontName
        brand = colour_of(self.kit.colour)
        runs = []
        for span in found:
            if span.br:
                runs.append(Run(BREAK, base))
                continue
            font = self.fonts.bold if span.strong else base
            colour = brand if span.href else (CODE if span.code else None)
            runs.append(Run(span.text, font, colour, href=span.href, oblique=span.emphasis))
        key = None
        if outline is not None:
            self.anchors += 1
            key = (clean(plain(outline)), f"section-{self.anchors}")
        return self.tag(CJKParagraph(runs, self.styles[style], outline=key),
                        role or role_of(style))

    def _markup(self, run: Run) -> str:
        colour = f' color="#{run.colour.hexval()[2:]}"' if run.colour is not None else ""
        return f'<font face="{run.font}"{colour}>{markup(run.text)}</font>'


class KeepWithFirstLines(KeepTogether):  # type: ignore[misc]
    """``keepWithNext`` that keeps a heading with the first lines of what follows.

    reportlab's own KeepTogether moves a heading to the next page whenever the
    whole of the next paragraph does not fit below it, which leaves a third of
    a page empty before a long paragraph.  A heading only needs company: it
    stays where it is when the next flowable can start below it (at least the
    two lines the orphan rule asks for, or all of it), and goes overleaf with
    it otherwise.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        content = list(self._content)
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if len(content) < 2 or at_top or self._starts_here(content, aW, aH):
            return content
        from reportlab.platypus.doctemplate import FrameBreak

        return [FrameBreak(), *content]

    def _starts_here(self, content: list[Flowable], width: float, height: float) -> bool:
        from reportlab.platypus.flowables import _listWrapOn

        heads, following = content[:-1], content[-1]
        canvas = getattr(self, "canv", None)
        _, used = _listWrapOn(heads, width, canvas)
        room = height - used - max(heads[-1].getSpaceAfter(), following.getSpaceBefore())
        if room <= 0:
            return False
        if following.wrapOn(canvas, width, room)[1] <= room + 1e-6:
            return True
        parts = following.splitOn(canvas, width, room)
        return bool(parts) and not isinstance(parts[0], ActionFlowable) and \
            parts[0].wrapOn(canvas, width, room)[1] <= room + 1e-6


class KitDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Adds a PDF bookmark for every flowable that carries an ``outline``; keeps
    headings with the start of what follows (:class:`KeepWithFirstLines`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, keepTogetherClass=KeepWithFirstLines, **kwargs)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        outline = getattr(flowable, "outline", None)
        if not outline:
            return
        title, key = outline
        top = self.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
        self.canv.bookmarkHorizontal(key, 0, top + 6)
        self.canv.addOutlineEntry(title, key, level=0, closed=False)


Side = tuple[Kit, PdfFonts]


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
    """A canvas whose document dates come from the release, not the clock, and
    which draws what depends on the number of pages ("Page X of Y") at save time.

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

    created = "D:20000101000000+00'00'"
    #: the recorder of marked content (tagged PDF), set per document by :func:`lay_out`
    tags: Tags | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        created = self.created
        self.setDateFormatter(lambda *_: created)
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
    _lay_out(pages, flowables, meta, buffer, tags)
    return finish(buffer.getvalue(), meta, structure(tags))


def _lay_out(pages: Pages, story: list[Flowable], meta: ArchiveMeta, out: io.BytesIO,
             tags: Tags | None = None) -> int:
    """Build the PDF into ``out``, recording its marked content in ``tags``; the
    number of pages."""
    fonts = pages.fonts
    doc = KitDocTemplate(
        out, pagesize=(pages.width, pages.height), leftMargin=pages.left,
        rightMargin=pages.right, topMargin=pages.top, bottomMargin=pages.bottom,
        title=meta.title, author=meta.creator, subject=meta.subject,
        keywords=list(meta.keywords), creator="pressctl", lang=meta.lang, invariant=1,
        displayDocTitle=1, initialFontName=fonts.regular,
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
    canvas = type("ReleaseCanvas", (KitCanvas,), {"created": meta.pdf_date, "tags": tags})
    doc.build(story, canvasmaker=canvas)
    return int(doc.page)
