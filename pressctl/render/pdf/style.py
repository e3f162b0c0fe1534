"""The look of a PDF kit: colours, page sizes, type sizes per script and the paragraph styles.

Latin and Chinese text need different measures (Chinese characters fill the
em square and want more leading, and are justified), so the styles are made
per kit from its fonts; each style also names the structure element its
paragraphs make in the tagged PDF (:data:`ROLES`).  Both PDF editions read
this module; the drawing is ``writer.py`` and ``page.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from pressctl.kit import Kit, printed_texts
from pressctl.render.pdf.fonts import PdfFonts
from pressctl.render.pdf.linebreak import clean

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
INK = Color(0.10, 0.10, 0.10)
TEXT = Color(0.15, 0.15, 0.15)
GREY = Color(0.37, 0.39, 0.41)
HAIRLINE = Color(0.82, 0.83, 0.85)
#: Code spans (a command, a file name) are set verbatim in this colour.
CODE = Color(0.42, 0.18, 0.10)
DRAFT_RED = colors.HexColor("#C0262D")
#: The band behind a draft kit's unreviewed text (``Span.mark``): a highlighter's light
#: yellow behind a machine draft, light grey behind the source standing in for a doubtful
#: one.  The DOCX uses Word's ``yellow`` and ``lightGray`` highlights, the web page ``<mark>``.
HIGHLIGHT = {"draft": colors.HexColor("#FFF3A0"), "doubtful": colors.HexColor("#DCDCDC")}
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
