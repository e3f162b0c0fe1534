"""List items in the PDF: the bullet or number as a text glyph in a hanging indent.

The marker is set right-aligned in the indent, on the first baseline of the
item's text, in the text's own font, so it is copied with the text and needs
no picture; the item itself is the body paragraph (Latin or Chinese setting,
inline markup) set narrower.  An item split across pages carries its marker
on the first part only.

Tagged PDF: a list is ``L`` → ``LI`` → ``Lbl`` (the marker) and ``LBody`` (the
item's paragraph); a nested list is an ``L`` inside the ``LBody`` of the item
it follows (:class:`ListTree`), a further paragraph of an item is a ``P`` in
that ``LBody``.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from pressctl.kit import item_marker
from pressctl.render.pdf.linebreak import ASCENT
from pressctl.render.pdf.tags import Element, tags_of, unwrap
from pressctl.render.pdf.text import CJKParagraph
from pressctl.render.pdf.writer import Writer
from pressctl.source.release import Block

#: Indent per nesting level, in ems of the body size.
INDENT_EMS = 1.8
#: Space between the marker's right edge and the text, in ems.
GAP_EMS = 0.5


class ListItem(Flowable):  # type: ignore[misc]
    """``body`` indented by ``indent`` points, ``marker`` hanging in the indent."""

    def __init__(self, body: Flowable, marker: str, font: str, indent: float,
                 label: Element | None = None) -> None:
        super().__init__()
        self.body, self.marker, self.font, self.indent = body, marker, font, indent
        self.label = label  # the marker's Lbl element
        self.width = self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, self.height = self.body.wrap(available_width - self.indent, available_height)
        self.width = available_width
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.body.split(available_width - self.indent, available_height)
        if len(parts) != 2:
            return []
        return [ListItem(parts[0], self.marker, self.font, self.indent, self.label),
                ListItem(parts[1], "", self.font, self.indent)]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.body.getSpaceAfter())

    def draw(self) -> None:
        self.body.drawOn(self.canv, self.indent, 0)
        if not self.marker:
            return
        style = self.body.style
        baseline = self.height - (paragraph_baseline(self.body) or style.fontSize)
        canvas = self.canv
        tags = tags_of(canvas)
        if tags is not None and self.label is not None and not tags.is_open:
            tags.begin(canvas, canvas._code, self.label)
        canvas.saveState()
        canvas.setFont(self.font, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(self.indent - GAP_EMS * style.fontSize, baseline, self.marker)
        canvas.restoreState()
        if tags is not None and self.label is not None and tags.is_open:
            tags.end(canvas._code)


def paragraph_baseline(flowable: Flowable) -> float | None:
    """How far below its top a paragraph sets its first baseline, if it is one."""
    flowable = unwrap(flowable)
    style = getattr(flowable, "style", None)
    if isinstance(flowable, CJKParagraph) and style is not None:
        return float((style.leading - style.fontSize) / 2 + ASCENT * style.fontSize)
    if isinstance(flowable, Paragraph) and style is not None:
        return float(style.fontSize)  # reportlab: the first baseline one size down
    return None


def list_item(writer: Writer, block: Block, last: bool, tree: ListTree) -> ListItem:
    """One item of a list (``last``: the list's last item, followed by a paragraph gap);
    ``tree`` places its elements in the list's structure."""
    style = "item-last" if last else "item"
    size = writer.styles[style].fontSize
    marker = item_marker(block, writer.kit.bullets)
    body = writer.marked(block.text, style, role="LBody" if marker else "P")
    label = writer.element("Lbl") if marker else None
    item = ListItem(body, marker, writer.styles[style].fontName,
                    (block.depth + 1) * INDENT_EMS * size, label)
    top = tree.add(block, label, body.element)
    if top is not None:
        item.element = top  # the story's element: the list starts here
    return item


class ListTree:
    """Builds the ``L``/``LI`` elements of the release's lists from its items in order."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.list_id: int | None = None
        #: open lists, outermost first: (depth, L element, its last LBody)
        self.open: list[tuple[int, Element, Element | None]] = []

    def add(self, block: Block, label: Element | None, body: Element) -> Element | None:
        """Place an item; the new top-level ``L`` when the item starts a list."""
        started = None
        if not self.open or (block.depth == 0 and block.list_id != self.list_id):
            self.list_id = block.list_id
            started = self.writer.element("L")
            self.open = [(block.depth, started, None)]
        while len(self.open) > 1 and self.open[-1][0] > block.depth:
            self.open.pop()
        depth, current, last_body = self.open[-1]
        if label is None:  # a further paragraph of the item: into its LBody
            (last_body or current).follow(body)
            return started
        if block.depth > depth and last_body is not None:
            nested = self.writer.element("L")
            last_body.follow(nested)
            self.open.append((block.depth, nested, None))
            depth, current = block.depth, nested
        current.add(self.writer.element("LI").add(label, body))
        self.open[-1] = (depth, current, body)
        return started


def last_items(blocks: tuple[Block, ...]) -> set[int]:
    """Indexes of the items that end a list (the next block is not an item)."""
    return {index for index, block in enumerate(blocks)
            if block.list_kind is not None
            and (index + 1 == len(blocks) or blocks[index + 1].list_kind is None)}
