"""The structured press release every stage passes along.

A Release is language-neutral in shape: the reader fills it from the source
document, ``localize`` returns a copy with every translatable string replaced,
and the renderers only ever see a Release plus the kit's own wording.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    ITEM = "item"  # a list item: bullet or numbered
    RULE = "rule"  # a horizontal rule (---): no text
    TABLE = "table"  # a GFM table: ``rows`` (the header first), ``align``
    FIGURE = "figure"  # a picture: ``text`` its caption, ``credit``, ``image``


class ListKind(StrEnum):
    BULLET = "bullet"
    ORDERED = "ordered"


@dataclass(frozen=True)
class Block:
    """One body element.

    A QUOTE block is a paragraph that quotes someone: ``text`` is the whole
    paragraph as it stands in the body, ``speaker`` the attribution
    ("Gao Xiang, President and CEO of …") that the pull-quote shows.
    """

    kind: BlockKind
    text: str
    line: int = 0
    level: int = 2
    speaker: str | None = None
    #: List items: bullet or ordered, nesting depth (0 or 1), the item's number in
    #: an ordered list (0 for a further paragraph of the same item) and which list
    #: of the release it belongs to (numbering restarts with each list).
    list_kind: ListKind | None = None
    depth: int = 0
    number: int = 0
    list_id: int = 0
    #: Tables: every row's cells as inline Markdown, the header row first; each
    #: column's alignment from the delimiter row ("left", "center", "right" or "").
    rows: tuple[tuple[str, ...], ...] = ()
    align: tuple[str, ...] = ()
    #: Figures: the credit line (the image title) and the checked picture file.
    credit: str | None = None
    image: Path | None = None


@dataclass(frozen=True)
class Fact:
    """A key figure for the fact sheet; ``value`` is the plain number (no scale)."""

    label: str
    value: float
    unit: str
    period: str = ""
    qualifier: str | None = None  # "about" or "over"
    line: int = 0


@dataclass(frozen=True)
class Release:
    slug: str
    path: Path
    lang: str
    title: str
    date: dt.date
    organisation: str
    blocks: tuple[Block, ...]
    subtitle: str | None = None
    dateline: str | None = None
    contact: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    #: The moment the release may be published (aware), or None: for immediate release.
    embargo: dt.datetime | None = None
    #: Source strings for which no reviewed translation existed (draft builds).
    untranslated: tuple[str, ...] = field(default=(), compare=False)

    @property
    def lead(self) -> Block | None:
        """The first body paragraph: press releases open with it in bold."""
        for block in self.blocks:
            if block.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE):
                return block
            if block.kind is BlockKind.ITEM:
                return None
        return None

    def replace(self, **changes: object) -> Release:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def introduces_list(blocks: tuple[Block, ...], index: int) -> bool:
    """A paragraph ending in a colon (":" or "："), followed by a list, is the list's
    lead-in: the renderers keep it on the page where the list starts."""
    block = blocks[index]
    return (block.kind is BlockKind.PARAGRAPH and block.text.rstrip().endswith((":", "："))
            and index + 1 < len(blocks) and blocks[index + 1].kind is BlockKind.ITEM)
