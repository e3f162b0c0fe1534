"""List items in DOCX: real Word list paragraphs, not typed bullets.

Each item is a paragraph with ``w:numPr`` pointing into the numbering part:
every list has its own definition — bullets (the kit's: •, then – at the second level)
or numbers (1., then 1. at the second level), each level with its hanging
indent — and its own ``w:num`` starting at the list's first number.  One
definition per list, as Word writes them: LibreOffice counts on across
``w:num`` s that share a definition, so two lists (or the two columns of the
bilingual edition) would number 1, 3, 5 and 2, 4, 6.  A further paragraph of an item
is indented like the item's text, without a marker.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from pressctl.render.docx.face import Face
from pressctl.source.release import Block, ListKind

#: Our abstract numbering ids start here, clear of the template's (0-17).
FIRST_ABSTRACT = 90
#: Indent per level and the hanging part, in twips (0.25 in).
STEP, HANG = 360, 360


def _level(kind: ListKind, ilvl: int, face: Face, bullets: tuple[str, str]) -> str:
    if kind is ListKind.BULLET:
        fmt, text = "bullet", bullets[ilvl]
    else:
        fmt, text = "decimal", f"%{ilvl + 1}."
    left = STEP * (ilvl + 1)
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{HANG}"/></w:pPr>'
            f"<w:rPr>{face.fonts_xml()}</w:rPr></w:lvl>")


class Lists:
    """The numbering definitions of one document, made as its lists are written."""

    def __init__(self, document: object, face: Face, bullets: tuple[str, str]) -> None:
        self.numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
        self.face = face
        self.bullets = bullets  # the kit's (Kit.bullets): the same marker as its PDF
        self.nums: dict[int, int] = {}  # list_id → numId

    def _abstract(self, kind: ListKind) -> int:
        """A new definition for one list."""
        existing = self.numbering.findall(qn("w:abstractNum"))
        ids = [int(a.get(qn("w:abstractNumId"))) for a in existing]
        abstract = max([FIRST_ABSTRACT - 1, *ids]) + 1
        levels = "".join(_level(kind, ilvl, self.face, self.bullets) for ilvl in (0, 1))
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
        if existing:
            existing[-1].addnext(element)  # abstract definitions come before w:num
        else:
            self.numbering.insert(0, element)
        return abstract

    def num_id(self, block: Block) -> int:
        """The w:num of ``block``'s list, restarting at its first number."""
        if block.list_id not in self.nums:
            kind = block.list_kind or ListKind.BULLET
            abstract = self._abstract(kind)
            used = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
            num_id = max([100, *used]) + 1
            start = max(block.number, 1)
            level = "1" if block.depth else "0"
            self.numbering.append(parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/>'
                "</w:lvlOverride></w:num>"))
            self.nums[block.list_id] = num_id
        return self.nums[block.list_id]

    def apply(self, paragraph: Paragraph, block: Block) -> None:
        """Make ``paragraph`` an item of its list (or a further paragraph of one)."""
        p_pr = paragraph._p.get_or_add_pPr()
        if block.number:
            p_pr.append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{block.depth}"/>'
                f'<w:numId w:val="{self.num_id(block)}"/></w:numPr>'))
        else:
            p_pr.append(parse_xml(
                f'<w:ind {nsdecls("w")} w:left="{STEP * (block.depth + 1)}"/>'))
