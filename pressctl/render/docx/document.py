"""What both DOCX editions share: page set-up, the writer, styles, tables, packaging.

The kit (``edition``) and the bilingual edition (``bilingual``) write
different bodies into the same kind of document: page size and margins, the
named styles, tables laid out in twips, the "Page X of Y" fields and the
reproducible package.  Both import this module and neither imports the
other; ``pressctl.render.RENDERERS`` names both entry points.
"""

from __future__ import annotations

import re
import string

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Emu, Inches, Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from pressctl.core.script import CJK_CLASS, has_cjk_letters
from pressctl.kit import Kit
from pressctl.render.docx import package as docx_package
from pressctl.render.docx.face import Face
from pressctl.render.docx.styles import (
    BODY_COLOUR,
    CELL_MARGIN,
    define_styles,
    run_properties,
)
from pressctl.render.docx.text import clean, xml_escape
from pressctl.render.words import SOFT_HYPHEN, soft_hyphens
from pressctl.source.inline import plain, spans

PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Inches(8.5), Inches(11))}
#: The deepest heading style: "heading 4" (a ##### heading is set as one too).
DEEPEST_HEADING = 4
#: The annexes' headings (fact sheet, boilerplate, media contact): sections of the
#: release, one level below its title, like a ``##`` heading.
ANNEX_HEADING = "Heading2"
EMU_PER_TWIP = 635
#: A draft kit's unreviewed text (``Span.mark``), highlighted as in the PDF: a machine
#: draft in yellow, the source standing in for a doubtful one in light grey.
HIGHLIGHT = {"draft": "yellow", "doubtful": "lightGray"}
#: Code spans: verbatim, in this colour (as in the PDF).
CODE_COLOUR = "6B2E1A"


#: A Latin word this many characters long or more (a URL, a product code) does not
#: justify well: the line before it is left with too few spaces to take its slack.
LONG_WORD = 25


def _ragged(text: str) -> bool:
    """Whether a paragraph of a Chinese kit is better set flush left than justified."""
    return not has_cjk_letters(text) or bool(_LONG.search(text))


_LONG = re.compile(f"[^\\s{CJK_CLASS}]{{{LONG_WORD},}}")


class Writer:
    """Appends styled paragraphs; every run carries the kit's font and language."""

    def __init__(self, document: Document, kit: Kit, face: Face) -> None:
        self.document = document
        self.kit = kit
        self.face = face

    def run(self, paragraph: Paragraph, text: str, style: str | None = None,
            face: Face | None = None) -> None:
        run = paragraph.add_run(clean(text))
        r_pr = run._r.get_or_add_rPr()
        if style:
            r_pr.append(parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{style}"/>'))
        for element in run_properties(face or self.face):
            r_pr.append(element)

    def marked(self, paragraph: Paragraph, text: str, face: Face | None = None) -> None:
        """Body text with its inline Markdown as Word runs: bold, italic, code in its
        colour, a draft kit's unreviewed text highlighted, line breaks, and links as real
        hyperlinks (w:hyperlink with an external relationship), the link text translated,
        the URL as written.

        A paragraph with a line break is set flush left: Word and LibreOffice would
        spread a justified line that ends in a break across the whole measure.  So is,
        in a Chinese kit (justified), a paragraph in Latin letters only (an English
        quotation, a draft's untranslated sentence) or one holding a long unbreakable
        word (a URL): LibreOffice justifies Latin text at its spaces only, without
        hyphenation unless the language's dictionary is installed, and spread the words
        of the line before the URL across the measure."""
        found = spans(text)
        p_pr = paragraph._p.get_or_add_pPr()
        if (any(span.br for span in found) or (self.kit.cjk and _ragged(plain(text)))) \
                and p_pr.find(qn("w:jc")) is None:  # an alignment set for it wins (a figure
            p_pr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="left"/>'))  # column's right)
        for span in found:
            if span.br:
                paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:br/></w:r>'))
                continue
            props = "".join((
                "<w:b/><w:bCs/>" if span.strong else "",
                "<w:i/><w:iCs/>" if span.emphasis else "",
                f'<w:color w:val="{CODE_COLOUR}"/>' if span.code else "",
                f'<w:color w:val="{self.kit.colour.lstrip("#").upper()}"/>' if span.href else "",
                # on the highlight, text of the paragraph's colour could be white (a table's
                # heading row): highlighted text is set in the body's ink
                f'<w:color w:val="{BODY_COLOUR}"/>' if span.mark and not (span.code or span.href)
                else "",
                f'<w:highlight w:val="{HIGHLIGHT[span.mark]}"/>' if span.mark else "",
                '<w:u w:val="single"/>' if span.href else ""))
            run = self._run_element(span.text, props, face)
            if span.href:
                r_id = paragraph.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
                link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"'
                                 ' w:history="1"/>')
                link.append(run)
                paragraph._p.append(link)
            else:
                paragraph._p.append(run)

    def _run_element(self, text: str, props: str, face: Face | None) -> etree._Element:
        """A w:r with its properties in schema order: fonts, then the styling, then lang."""
        fonts, lang = run_properties(face or self.face)
        # a long name written as one word may break at its parts, with a hyphen (Word's
        # optional hyphen) rather than be cut bare at the edge of a bilingual column
        body = "<w:softHyphen/>".join(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>'
                                      for part in soft_hyphens(clean(text)).split(SOFT_HYPHEN))
        run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{props}</w:rPr>{body}</w:r>')
        r_pr = run[0]
        r_pr.insert(0, fonts)
        r_pr.append(lang)
        return run

    def paragraph(self, style: str, text: str = "", container: object = None,
                  face: Face | None = None) -> Paragraph:
        target = container if container is not None else self.document
        paragraph = target.add_paragraph()  # type: ignore[attr-defined]
        styled(paragraph, style)
        if text:
            self.run(paragraph, text, face=face)
        return paragraph

    def field(self, paragraph: Paragraph, instruction: str, shown: str) -> None:
        """A complex field (PAGE, NUMPAGES) that Word and LibreOffice recompute."""
        for part in (
            '<w:fldChar w:fldCharType="begin"/>',
            f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
            f"<w:t>{shown}</w:t>",
            '<w:fldChar w:fldCharType="end"/>',
        ):
            run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr/>{part}</w:r>')
            for element in run_properties(self.face):
                run[0].append(element)
            paragraph._p.append(run)


def heading_style(level: int) -> str:
    """The built-in heading style of a Markdown heading of ``level`` (``##`` is 2).

    The title is the document's one top-level heading (style Title, outline
    level 1, H1 in a tagged PDF), so a ``##`` section is "heading 2" and a
    ``###`` one "heading 3": Word's navigation pane, LibreOffice's bookmarks and
    the H1/H2/H3 of its tagged PDF nest the sections under the title as the PDF
    kit's structure tree does.
    """
    return f"Heading{min(max(level, 1), DEEPEST_HEADING)}"


def styled(paragraph: Paragraph, style_id: str) -> None:
    paragraph._p.get_or_add_pPr().style = style_id


def new_document(kit: Kit, face: Face) -> tuple[Document, Section, Emu]:
    """An empty document with the kit's page set-up and styles; also the text width."""
    document = docx.Document()
    section = document.sections[0]
    width, height = PAGE_SIZES.get(kit.page_size, PAGE_SIZES["A4"])
    top, right, bottom, left = kit.margins_mm
    section.page_width, section.page_height = width, height
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = Mm(max(6.0, top / 2))
    section.footer_distance = Mm(max(6.0, bottom / 2 - 1))
    text_width = Emu(width - Mm(left) - Mm(right))
    define_styles(document.styles.element, kit, face, round(text_width / EMU_PER_TWIP))
    return document, section, text_width


def package(document: Document, kit: Kit, face: Face, families: tuple[str, ...]) -> bytes:
    """Settings and the reproducible zip around a finished document."""
    docx_package.drop_template_parts(document)
    docx_package.set_settings(document, face.lang, face.east_asian_lang)
    parts = docx_package.part_blobs(document)
    parts["docProps/app.xml"] = docx_package.app_xml(kit)
    parts["word/fontTable.xml"] = docx_package.font_table(families)
    return docx_package.reproducible_zip(parts, kit.release.date)


def table_layout(table: Table, text_width: Emu, shares: tuple[float, ...]) -> None:
    """Fixed column widths: LibreOffice reads the grid, Word the cell widths."""
    twips = round(text_width / EMU_PER_TWIP)
    widths = [round(twips * share) for share in shares]
    tbl_pr = table._tbl.tblPr
    for name in ("w:tblW", "w:tblInd", "w:tblLayout", "w:tblLook"):
        for element in tbl_pr.findall(qn(name)):
            tbl_pr.remove(element)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{twips}" w:type="dxa"/>'))
    # the table's edges on the margins, not its text: Word (in the compatibility
    # mode python-docx's template declares) and LibreOffice otherwise shift the
    # table left by the cell margin, out of the text block on the left and short
    # of it on the right
    tbl_pr.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{CELL_MARGIN}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tbl_pr.append(parse_xml(
        f'<w:tblLook {nsdecls("w")} w:val="0420" w:firstRow="1" w:lastRow="0"'
        ' w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'))
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths,
                               strict=True):
        grid_col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Emu(width * EMU_PER_TWIP)


def caption_table(table: Table, caption: str, description: str = "") -> None:
    """The table's caption (``w:tblCaption``) and description for assistive technology.

    Word's accessibility checker reads them as the table's alternative text and
    lists them in the table's properties; they follow ``w:tblLook``, the last
    property :func:`table_layout` writes, in schema order.
    """
    tbl_pr = table._tbl.tblPr
    for name in ("w:tblCaption", "w:tblDescription"):
        for element in tbl_pr.findall(qn(name)):
            tbl_pr.remove(element)
    for name, text in (("tblCaption", caption), ("tblDescription", description)):
        if text:
            tbl_pr.append(parse_xml(f'<w:{name} {nsdecls("w")}'
                                    f' w:val="{xml_escape(clean(text))}"/>'))


def page_pattern(pattern: str) -> list[tuple[str, str | None]]:
    """Split "第 {page} 页，共 {pages} 页" into literal text and the fields between."""
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    parts: list[tuple[str, str | None]] = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return [(pattern, None)]
    for literal, name, _spec, _conversion in parsed:
        parts.append((literal, fields.get(name or "") if name else None))
    return parts
