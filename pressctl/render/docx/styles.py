"""The DOCX kit's named styles, font and language, written into styles.xml.

An editor who receives the DOCX restyles a newsroom version by changing a
style, not by hunting direct formatting, so every look lives here as a named
style.  Word and LibreOffice pick the font per script (``w:ascii``,
``w:hAnsi``, ``w:eastAsia``, ``w:cs``) and apply Chinese line-breaking rules
by ``w:lang``; the theme fonts of python-docx's template would override an
explicit family, so they are stripped everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from pressctl.kit import Kit
from pressctl.render.docx.face import Face
from pressctl.render.docx.text import xml_escape

HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DEFAULT_COLOUR = "1C69D4"
#: The body text's ink (TEXT in the PDF); highlighted draft text is set in it everywhere.
BODY_COLOUR = "262626"
#: Left and right cell margin of the kit's tables, in twips.
CELL_MARGIN = 115

#: Element order inside w:rPr and w:pPr, from the WordprocessingML schema;
#: Word refuses a file whose property children are out of order.
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
)
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
)


def colour_hex(value: str) -> str:
    value = value.strip().lstrip("#")
    return value.upper() if HEX_COLOUR.fullmatch(value) else DEFAULT_COLOUR


def _ordered(tag: str, parts: dict[str, str], order: tuple[str, ...]) -> str:
    body = "".join(parts[name] for name in order if name in parts)
    return f"<w:{tag}>{body}</w:{tag}>" if body else ""


def rpr(face: Face | None, *, size: float | None = None, bold: bool | None = None,
        colour: str | None = None, caps: bool = False, tracking: int = 0,
        style: str | None = None) -> str:
    """A w:rPr in schema order; ``size`` in points, ``tracking`` in twentieths of a point."""
    parts: dict[str, str] = {}
    if style:
        parts["rStyle"] = f'<w:rStyle w:val="{style}"/>'
    if face:
        parts["rFonts"] = face.fonts_xml()
        parts["lang"] = face.lang_xml()
    if bold is not None:
        value = "" if bold else ' w:val="0"'
        parts["b"] = f"<w:b{value}/>"
        parts["bCs"] = f"<w:bCs{value}/>"
    if caps:
        parts["caps"] = "<w:caps/>"
    if colour:
        parts["color"] = f'<w:color w:val="{colour}"/>'
    if tracking:
        parts["spacing"] = f'<w:spacing w:val="{tracking}"/>'
    if size:
        half = round(size * 2)
        parts["sz"] = f'<w:sz w:val="{half}"/>'
        parts["szCs"] = f'<w:szCs w:val="{half}"/>'
    return _ordered("rPr", parts, RPR_ORDER)


def border(side: str, colour: str, eighths: int, space_pt: int) -> str:
    return (f'<w:{side} w:val="single" w:sz="{eighths}" w:space="{space_pt}"'
            f' w:color="{colour}"/>')


def ppr(*, before: float = 0, after: float = 0, line: float | None = None, jc: str | None = None,
        keep_next: bool = False, keep_lines: bool = False, page_break: bool = False,
        widow: bool = True,
        borders: str = "", fill: str | None = None, tabs: str = "", left_cm: float = 0,
        right_cm: float = 0, outline: int | None = None, kinsoku: bool = False) -> str:
    """A w:pPr in schema order; spacing in points, ``line`` as a multiple of single."""
    parts: dict[str, str] = {}
    if keep_next:
        parts["keepNext"] = "<w:keepNext/>"
    if keep_lines:
        parts["keepLines"] = "<w:keepLines/>"
    if page_break:
        parts["pageBreakBefore"] = "<w:pageBreakBefore/>"
    parts["widowControl"] = "<w:widowControl/>" if widow else '<w:widowControl w:val="0"/>'
    if borders:
        parts["pBdr"] = f"<w:pBdr>{borders}</w:pBdr>"
    if fill:
        parts["shd"] = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if tabs:
        parts["tabs"] = f"<w:tabs>{tabs}</w:tabs>"
    if kinsoku:
        parts["kinsoku"] = "<w:kinsoku/>"
        parts["overflowPunct"] = "<w:overflowPunct/>"
        parts["autoSpaceDE"] = "<w:autoSpaceDE/>"
        parts["autoSpaceDN"] = "<w:autoSpaceDN/>"
    line_attr = f' w:line="{round(line * 240)}" w:lineRule="auto"' if line else ""
    parts["spacing"] = (f'<w:spacing w:before="{round(before * 20)}"'
                        f' w:after="{round(after * 20)}"{line_attr}/>')
    if left_cm or right_cm:
        parts["ind"] = (f'<w:ind w:left="{round(left_cm * 567)}"'
                        f' w:right="{round(right_cm * 567)}"/>')
    if jc:
        parts["jc"] = f'<w:jc w:val="{jc}"/>'
    if outline is not None:
        parts["outlineLvl"] = f'<w:outlineLvl w:val="{outline}"/>'
    return _ordered("pPr", parts, PPR_ORDER)


def _style(kind: str, style_id: str, name: str, *, base: str | None = "Normal",
           next_id: str | None = None, custom: bool = True, ppr_xml: str = "",
           rpr_xml: str = "", extra: str = "", priority: int = 1) -> etree._Element:
    custom_attr = ' w:customStyle="1"' if custom else ""
    base_xml = f'<w:basedOn w:val="{base}"/>' if base else ""
    next_xml = f'<w:next w:val="{next_id}"/>' if next_id else ""
    xml = (f'<w:style {nsdecls("w")} w:type="{kind}"{custom_attr} w:styleId="{style_id}">'
           f'<w:name w:val="{xml_escape(name)}"/>{base_xml}{next_xml}'
           f'<w:uiPriority w:val="{priority}"/><w:qFormat/>'
           f"{ppr_xml}{rpr_xml}{extra}</w:style>")
    return parse_xml(xml)


@dataclass(frozen=True)
class Look:
    """The measures that differ between Latin and CJK typesetting."""

    body: float
    line: float
    jc: str
    title: float
    tracking: int


LATIN = Look(body=10.5, line=1.0, jc="left", title=22, tracking=20)
#: Chinese reads best a little larger and with more leading, justified; no
#: letter-spacing on the label, which would pull CJK characters apart.
CHINESE = Look(body=10.5, line=1.12, jc="both", title=21, tracking=0)


def define_styles(styles_part_element: etree._Element, kit: Kit, face: Face,
                  text_width_twips: int) -> None:
    """Replace the template's styles with the kit's and clean the theme fonts out."""
    root = styles_part_element
    look = CHINESE if kit.cjk else LATIN
    colour = colour_hex(kit.colour)
    ink, grey, light = "1A1A1A", "5F6368", "D0D4DA"
    right_tab = f'<w:tab w:val="right" w:pos="{text_width_twips}"/>'
    band = "".join(border(side, colour, 4, space)
                   for side, space in (("top", 10), ("left", 8), ("bottom", 10), ("right", 8)))
    # the pull-quote's box: a bar in the brand colour on the left; borders in
    # the shading's colour pad the text inside the box (the quote and its
    # speaker share them, so Word and LibreOffice draw one box around both)
    quote_fill = "F2F5F9"
    quote_box = (border("top", quote_fill, 4, 9) + border("left", colour, 24, 12)
                 + border("bottom", quote_fill, 4, 9) + border("right", quote_fill, 4, 12))
    kinsoku = kit.cjk

    _strip_theme(root)
    _set_doc_defaults(root, face, look)
    by_id = _by_id(root)

    def para(style_id: str, name: str, p: str, r: str, *, base: str | None = "Normal",
             next_id: str | None = "Normal", custom: bool = True, priority: int = 1) -> None:
        _install(root, by_id, _style("paragraph", style_id, name, base=base, next_id=next_id,
                              custom=custom, ppr_xml=p, rpr_xml=r, priority=priority))

    para("Normal", "Normal",
         ppr(after=7, line=look.line, jc=look.jc, kinsoku=kinsoku),
         rpr(face, size=look.body, colour=BODY_COLOUR), base=None, next_id=None, custom=False,
         priority=0)
    # a paragraph quoting someone: on the page of its pull-quote (which keeps with its
    # attribution), never split from it
    para("Quotation", "Quotation",
         ppr(after=7, line=look.line, jc=look.jc, keep_next=True, keep_lines=True,
             kinsoku=kinsoku),
         rpr(face, size=look.body, colour=BODY_COLOUR))
    # Word's own "List Paragraph": items of one list sit closer than paragraphs
    para("ListParagraph", "List Paragraph",
         ppr(after=3, line=look.line, jc=look.jc, kinsoku=kinsoku),
         rpr(face, size=look.body, colour=BODY_COLOUR), custom=False, priority=34)
    # --- in the seed: an empty paragraph with a hairline below it
    para("HorizontalRule", "Horizontal Rule",
         ppr(before=0, after=10, line=1.0, jc="left", borders=border("bottom", light, 6, 1)),
         rpr(face, size=4))
    # after a table from the seed: Word needs a paragraph between two tables, and
    # the text below wants a little air
    para("TableSpacer", "Table Spacer", ppr(before=0, after=6, line=1.0, jc="left"),
         rpr(face, size=4))
    para("Letterhead", "Letterhead",
         ppr(before=0, after=20, line=1.0, jc="left", keep_next=True, borders=band, fill=colour,
             tabs=f'<w:tab w:val="right" w:pos="{text_width_twips - 160}"/>',
             left_cm=0.28, right_cm=0.28),
         rpr(face, size=17, bold=True, colour="FFFFFF"))
    para("ReleaseLabel", "Release Label",
         ppr(after=4, line=1.0, jc="left", keep_next=True),
         rpr(face, size=8.5, bold=True, colour=colour, caps=True, tracking=look.tracking))
    # outline level 0, as the PDF bookmarks the title: LibreOffice's PDF export and
    # Word's navigation pane list it with the headings
    para("Title", "Title", ppr(after=6, line=1.0, jc="left", keep_next=True, keep_lines=True,
                               outline=0),
         rpr(face, size=look.title, bold=True, colour=ink), next_id="Subtitle", custom=False,
         priority=10)
    para("Subtitle", "Subtitle", ppr(after=10, line=1.0, jc="left", keep_next=True),
         rpr(face, size=13, bold=False, colour=grey), custom=False, priority=11)
    para("Dateline", "Dateline",
         ppr(after=14, line=1.0, jc="left", borders=border("bottom", light, 6, 8)),
         rpr(face, size=9.5, colour=grey))
    para("Lead", "Lead", ppr(after=9, line=look.line, jc=look.jc, kinsoku=kinsoku),
         rpr(face, size=look.body + 0.5, bold=True, colour=ink))
    # heading 1 is a # heading in the body, at the title's level (rare: the title
    # comes from the front matter); ## is heading 2, set as the kit's sections
    for level, (size, before, tint) in enumerate(((15, 18, colour), (13, 16, colour),
                                                  (11.5, 12, ink), (10.5, 10, ink)), start=1):
        para(f"Heading{level}", f"heading {level}",
             ppr(before=before, after=5, line=1.0, jc="left", keep_next=True, keep_lines=True,
                 outline=level - 1),
             rpr(face, size=size, bold=True, colour=tint), custom=False, priority=9)
    # the fact sheet is an annex: it opens its own page, never splits from its table
    para("FactSheetHeading", "Fact Sheet Heading", ppr(before=0, after=8, line=1.0, jc="left",
                                                       keep_next=True, keep_lines=True,
                                                       page_break=True, outline=1),
         rpr(face, size=13, bold=True, colour=colour), base="Heading2")
    para("PullQuote", "Pull Quote",
         ppr(before=10, after=4, line=1.1, jc="left", keep_next=True, keep_lines=True,
             borders=quote_box, fill=quote_fill, left_cm=0.55, right_cm=0.45, kinsoku=kinsoku),
         rpr(face, size=look.body + 2, bold=False, colour="1F3A5F"), next_id="QuoteAttribution")
    para("QuoteAttribution", "Quote Attribution",
         ppr(before=0, after=14, line=1.0, jc="left", keep_lines=True, borders=quote_box,
             fill=quote_fill, left_cm=0.55, right_cm=0.45),
         rpr(face, size=8.5, colour=grey))
    para("Speaker", "Speaker", ppr(before=2, after=4, line=1.0, jc="left"),
         rpr(face, size=8.5, colour=grey))
    para("Caption", "caption", ppr(before=10, after=4, line=1.0, jc="left", keep_next=True),
         rpr(face, size=9, bold=True, colour="404040"), custom=False, priority=35)
    para("Chart", "Chart", ppr(after=8, line=1.0, jc="center", keep_lines=True),
         rpr(face, size=look.body))
    # a figure from the seed: the picture kept with its caption, the caption with its credit;
    # named "Picture": LibreOffice's tagged PDF uses a style's name as the paragraph's
    # structure type, and one named "Figure" would remap the standard Figure type (PDF/UA
    # forbids it) and read as a second figure without alternative text
    para("Figure", "Picture", ppr(before=6, after=3, line=1.0, jc="left", keep_next=True,
                                 keep_lines=True), rpr(face, size=look.body))
    para("FigureCaption", "Figure Caption", ppr(after=1, line=1.0, jc="left", keep_next=True),
         rpr(face, size=9, colour=ink))
    para("FigureCredit", "Figure Credit", ppr(after=9, line=1.0, jc="left"),
         rpr(face, size=7.5, colour=grey))
    para("FactTableHeader", "Fact Table Header", ppr(line=1.0, jc="left", keep_next=True),
         rpr(face, size=8.5, bold=True, colour="FFFFFF"))
    para("FactTableText", "Fact Table Text", ppr(line=1.0, jc="left", keep_next=True),
         rpr(face, size=9, colour=BODY_COLOUR))
    para("FactTableFigure", "Fact Table Figure", ppr(line=1.0, jc="left", keep_next=True),
         rpr(face, size=9, bold=True, colour=ink), base="FactTableText")
    para("Boilerplate", "Boilerplate", ppr(after=5, line=look.line, jc=look.jc, kinsoku=kinsoku),
         rpr(face, size=9, colour=grey))
    # the media contact block stays on one page: each line keeps with the next
    para("Contact", "Contact", ppr(after=0, line=1.0, jc="left", keep_next=True),
         rpr(face, size=9.5, colour=BODY_COLOUR))
    para("EndMark", "End Mark", ppr(before=12, after=12, line=1.0, jc="center"),
         rpr(face, size=look.body, bold=True, colour=grey))
    para("Header", "header",
         ppr(after=0, line=1.0, jc="left", tabs=right_tab, borders=border("bottom", light, 4, 4)),
         rpr(face, size=8, colour=grey), custom=False, priority=99)
    para("Footer", "footer",
         ppr(after=0, line=1.0, jc="left", tabs=right_tab, borders=border("top", light, 4, 4)),
         rpr(face, size=8, colour=grey), custom=False, priority=99)
    para("DraftMark", "Draft Mark", ppr(after=4, line=1.0, jc="right"),
         rpr(face, size=9, bold=True, colour="C0262D", tracking=look.tracking // 2))

    def char(style_id: str, name: str, r: str) -> None:
        _install(root, by_id, _style("character", style_id, name, base=None, rpr_xml=r))

    char("LetterheadLabel", "Letterhead Label",
         rpr(face, size=9.5, bold=False, colour="FFFFFF", caps=not kit.cjk,
             tracking=look.tracking))
    char("DraftNotice", "Draft Notice", rpr(face, bold=True, colour="C0262D"))
    char("SpeakerName", "Speaker Name", rpr(face, bold=True, colour=BODY_COLOUR))
    char("HeaderOrganisation", "Header Organisation", rpr(face, bold=True, colour=colour))
    _install(root, by_id, _fact_table_style(face, colour))
    _install(root, by_id, _fact_table_style(face, colour, style_id="BilingualTable",
                                     name="Bilingual Table", banded=False))


def _fact_table_style(face: Face, colour: str, *, style_id: str = "FactTable",
                      name: str = "Fact Table", banded: bool = True) -> etree._Element:
    """Header row in the brand colour, hairlines between rows, light banding.

    The bilingual table adds a hairline between the languages instead of the
    banding, which would shade whole paragraphs, and lets long rows split across
    pages (both halves split together) rather than leave half a page empty.
    """
    hair = "E1E4E8"
    divider = "" if banded else border("insideV", hair, 4, 0)
    pad = 70 if banded else 100  # twips above and below a cell's text
    tbl = (
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblBorders>'
        f"{border('top', colour, 8, 0)}{border('bottom', colour, 8, 0)}"
        f"{border('insideH', hair, 4, 0)}{divider}</w:tblBorders>"
        f'<w:tblCellMar><w:top w:w="{pad}" w:type="dxa"/>'
        f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="{pad}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    )
    if banded:
        tbl += "<w:trPr><w:cantSplit/></w:trPr>"
    tbl += (
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        "<w:trPr><w:tblHeader/></w:trPr>"
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{colour}"/></w:tcPr>'
        "</w:tblStylePr>"
    )
    if banded:
        tbl += ('<w:tblStylePr w:type="band2Horz">'
                '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F5F7FA"/></w:tcPr>'
                "</w:tblStylePr>")
    return _style("table", style_id, name, base=None,
                  ppr_xml=ppr(line=1.0), rpr_xml=rpr(face, size=9), extra=tbl)


def _install(root: etree._Element, styles: dict[str, etree._Element],
             style: etree._Element) -> None:
    """Put ``style`` in place of the template's style with the same id, or append it.

    ``styles``: the styles by id (the first of each id), kept up to date here; looking
    each of some 30 styles up among the template's 160 took a tenth of a DOCX.
    """
    style_id = style.get(STYLE_ID) or ""
    old = styles.get(style_id)
    if old is not None:
        old.addprevious(style)
        root.remove(old)
    else:
        root.append(style)
    styles[style_id] = style


STYLE_ID = qn("w:styleId")


def _by_id(root: etree._Element) -> dict[str, etree._Element]:
    styles: dict[str, etree._Element] = {}
    for style in root.iterchildren(qn("w:style")):
        styles.setdefault(style.get(STYLE_ID) or "", style)
    return styles


def _strip_theme(root: etree._Element) -> None:
    """Theme font and colour references win over explicit values: remove them.

    The attribute names are read as strings ("{namespace}themeColor"): the
    template's table styles carry some 2,000 of them, and making an lxml QName
    of each took more time than the rest of the document's styles.
    """
    for fonts in root.iter(qn("w:rFonts")):  # asciiTheme, eastAsiaTheme, cstheme …
        attrib = fonts.attrib
        for name in [n for n in attrib if _local(n).lower().endswith("theme")]:
            del attrib[name]
    for element in root.iter(*THEMED):  # themeColor, themeTint, themeFill …
        attrib = element.attrib
        for name in [n for n in attrib if _local(n).startswith("theme")]:
            del attrib[name]
    for link in root.iter(qn("w:link")):
        link.getparent().remove(link)
    # the template's "… Char" halves of linked styles are orphans without the links
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val"), "").endswith(" Char"):
            root.remove(style)


#: The elements whose colours may name the theme's instead of their own.
THEMED = tuple(qn(f"w:{name}") for name in ("color", "shd", "top", "bottom", "left", "right"))


def _local(name: str) -> str:
    """``{namespace}local`` → ``local``."""
    return name.rpartition("}")[2]


def _set_doc_defaults(root: etree._Element, face: Face, look: Look) -> None:
    """Document defaults: the kit's font, size and language.

    Every style and run names its own languages, so the default's ``w:val`` is
    free to name the document's language even in a Chinese kit, where text
    tags its Latin words en-US: LibreOffice takes the PDF's /Lang from it.
    """
    defaults = root.find(qn("w:docDefaults"))
    if defaults is not None:
        root.remove(defaults)
    if face.cjk:
        face = replace(face, lang=face.east_asian_lang)
    xml = (f'<w:docDefaults {nsdecls("w")}><w:rPrDefault>{rpr(face, size=look.body)}'
           f"</w:rPrDefault><w:pPrDefault>{ppr(line=1.0)}</w:pPrDefault></w:docDefaults>")
    root.insert(0, parse_xml(xml))


def run_properties(face: Face) -> list[etree._Element]:
    """rFonts and lang for one run, parsed once per run (elements cannot be shared)."""
    return [parse_xml(f"<w:x {nsdecls('w')}>{face.fonts_xml()}</w:x>")[0],
            parse_xml(f"<w:x {nsdecls('w')}>{face.lang_xml()}</w:x>")[0]]
