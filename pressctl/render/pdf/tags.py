"""Tagged PDF, the recording half: marked content while reportlab draws.

A tagged PDF has two halves that must agree.  In the page content, every
piece of real content is enclosed in a marked-content sequence
(``/P <</MCID 3>> BDC … EMC``, the MCID counted per page) and everything else
(letterhead, running header and footer, rules, table backgrounds, the DRAFT
mark) in an ``/Artifact`` sequence.  Beside the pages, the structure tree
says which element (``P``, ``H2``, ``TD``, ``Link`` …) each MCID belongs to,
in reading order.  reportlab knows neither; this module records both while the
story is drawn and :mod:`pdf_structure` writes the tree afterwards.

Why this shape:

* Structure elements are made when the story is built (:class:`Element`), not
  when it is drawn: the story's order *is* the reading order, and a flowable
  that reportlab splits over two pages gives both parts the same element, so
  a paragraph running overleaf is one ``P`` with two content references.
* One wrapper, :class:`Tagged`, gives any flowable its element: it delegates
  layout to the flowable and encloses its drawing in a sequence.  Flowables
  that draw more than one kind of content (a paragraph with a link or a Latin
  word inside Chinese) *tag themselves* (``tags_itself``): they open and
  close their own sequences inside their text object, because a sequence must
  begin and end in the same text object and may not nest.
* The same :class:`Tagged` drawn twice is a table header row repeated at the
  head of a later page: the repeat is a pagination artifact, not content.
* Page furniture calls :meth:`Tags.artifact`; anything else a flowable draws
  besides its content (table grid and backgrounds, a link's underline) too.
* The recorder lives on the canvas (``KitCanvas.tags``): drawing code finds it
  with :func:`tags_of`, and with any other canvas draws exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable


@dataclass(frozen=True)
class MCR:
    """A marked-content reference: MCID ``mcid`` on page ``page`` (1-based)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class OBJR:
    """An object reference: the ``index``-th annotation of page ``page`` (1-based)."""

    page: int
    index: int


@dataclass(eq=False)
class Element:
    """A structure element: its standard role, attributes, kids in reading order.

    ``attrs`` holds ``Lang``, ``Alt``, ``Scope`` (written as a Table attribute),
    ``Contents`` (a link's description for its annotation)."""

    role: str
    attrs: dict[str, str] = field(default_factory=dict)
    kids: list[Element | MCR | OBJR] = field(default_factory=list)
    #: sub-elements a self-tagging flowable made while drawing, by its own key
    #: (a link's run), so both parts of a split paragraph find the same one
    made: dict[object, Element] = field(default_factory=dict)
    #: elements that follow this one's own content (a nested list after the text of
    #: its item): kids fill while drawing, these are known when the story is built
    tail: list[Element] = field(default_factory=list)

    def add(self, *kids: Element | None) -> Element:
        self.kids.extend(kid for kid in kids if kid is not None)
        return self

    def follow(self, *kids: Element) -> Element:
        """Add ``kids`` after this element's own content."""
        self.tail.extend(kids)
        return self

    @property
    def children(self) -> list[Element | MCR | OBJR]:
        """Kids in reading order: own content (and what it made), then the tail."""
        return [*self.kids, *self.tail]

    def child(self, key: object, role: str, **attrs: str) -> Element:
        """The sub-element ``key`` of this element, appended at first use."""
        if key not in self.made:
            self.made[key] = Element(role, dict(attrs))
            self.kids.append(self.made[key])
        return self.made[key]


def _name(value: str) -> str:
    return "".join(c if c.isalnum() else f"#{ord(c):02X}" for c in value)


class Tags:
    """The document's structure tree and the page sequences that fill it.

    ``document`` is the root ``Document`` element; ``lang`` the document's
    language.  The per-page MCID counter restarts on every page; an open
    sequence is remembered so that nesting is caught while drawing, not left
    for a validator to find.
    """

    def __init__(self, lang: str) -> None:
        self.document = Element("Document")
        self.lang = lang
        self._mcids: dict[int, int] = {}
        self._open = False
        #: the element whose flowable tags itself and is being drawn
        self.owner: Element | None = None

    def _page(self, canvas: Any) -> int:
        return int(canvas.getPageNumber())

    def begin(self, canvas: Any, code: list[str], element: Element) -> None:
        """Open ``element``'s next sequence in ``code`` (the canvas's or a text object's)."""
        assert not self._open, "marked content may not nest"
        page = self._page(canvas)
        mcid = self._mcids.get(page, 0)
        self._mcids[page] = mcid + 1
        code.append(f"/{element.role} <</MCID {mcid}>> BDC")
        element.kids.append(MCR(page, mcid))
        self._open = True

    def end(self, code: list[str]) -> None:
        assert self._open
        code.append("EMC")
        self._open = False

    def begin_artifact(self, code: list[str], kind: str | None = None) -> None:
        assert not self._open, "marked content may not nest"
        if kind is None:
            code.append("/Artifact BMC")
        else:
            code.append(f"/Artifact <</Type /Pagination /Subtype /{_name(kind)}>> BDC")
        self._open = True

    @contextmanager
    def content(self, canvas: Any, element: Element) -> Iterator[None]:
        """Whatever is drawn inside is ``element``'s content."""
        self.begin(canvas, canvas._code, element)
        try:
            yield
        finally:
            self.end(canvas._code)

    @contextmanager
    def artifact(self, canvas: Any, kind: str | None = None) -> Iterator[None]:
        """Whatever is drawn inside is an artifact (``kind``: Header, Footer, Watermark
        for pagination artifacts)."""
        self.begin_artifact(canvas._code, kind)
        try:
            yield
        finally:
            self.end(canvas._code)

    @property
    def is_open(self) -> bool:
        return self._open

    def annotation_index(self, canvas: Any) -> int:
        """The index the next annotation made on this page will have."""
        return len(getattr(canvas, "_annotationrefs", []))


def tags_of(canvas: Any) -> Tags | None:
    """The recorder of the canvas, or None when it records nothing."""
    return getattr(canvas, "tags", None)


@contextmanager
def artifact(canvas: Any, kind: str | None = None) -> Iterator[None]:
    """:meth:`Tags.artifact` if the canvas records, else nothing."""
    tags = tags_of(canvas)
    if tags is None or tags.is_open:
        yield
        return
    with tags.artifact(canvas, kind):
        yield


class Tagged(Flowable):  # type: ignore[misc]
    """``inner`` with its structure element: layout delegated, drawing enclosed.

    Split, both parts keep the element.  A flowable with ``tags_itself`` is
    drawn with ``Tags.owner`` set and encloses its own content.  Attributes
    the wrapper does not have (``style``, ``outline``, ``runs``) are the inner
    flowable's.
    """

    def __init__(self, inner: Flowable, element: Element) -> None:
        super().__init__()
        self.inner, self.element = inner, element
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self._drawn = False

    def __getattr__(self, name: str) -> Any:
        if name in ("inner", "element") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        canvas = self.__dict__.get("canv")
        if canvas is not None:
            size = self.inner.wrapOn(canvas, available_width, available_height)
        else:
            size = self.inner.wrap(available_width, available_height)
        self.width, self.height = size
        return size  # type: ignore[no-any-return]

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        canvas = self.__dict__.get("canv")
        if canvas is not None:
            parts = self.inner.splitOn(canvas, available_width, available_height)
        else:
            parts = self.inner.split(available_width, available_height)
        return [Tagged(part, self.element) for part in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.getSpaceAfter())

    def getKeepWithNext(self) -> bool:  # noqa: N802 - reportlab's name
        return bool(self.inner.getKeepWithNext())

    def minWidth(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.minWidth())

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 - reportlab's name
        return f"Tagged({self.element.role}, {self.inner.identity(maxLen)})"

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        tags = tags_of(canvas)
        if tags is None or tags.is_open:
            self.inner.drawOn(canvas, x, y, _sW)
            return
        if self._drawn:  # a header row repeated overleaf
            with tags.artifact(canvas, "Header"):
                self.inner.drawOn(canvas, x, y, _sW)
            return
        self._drawn = True
        if getattr(self.inner, "tags_itself", False):
            owner, tags.owner = tags.owner, self.element
            try:
                self.inner.drawOn(canvas, x, y, _sW)
            finally:
                tags.owner = owner
            return
        with tags.content(canvas, self.element):
            self.inner.drawOn(canvas, x, y, _sW)


class Decoration(Flowable):  # type: ignore[misc]
    """``inner`` drawn as an artifact: a rule, a spacer that paints."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def __getattr__(self, name: str) -> Any:
        if name == "inner" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        size = self.inner.wrap(available_width, available_height)
        self.width, self.height = size
        return size  # type: ignore[no-any-return]

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return [Decoration(p) for p in self.inner.split(available_width, available_height)]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.getSpaceAfter())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        with artifact(canvas):
            self.inner.drawOn(canvas, x, y, _sW)


def unwrap(flowable: Flowable) -> Flowable:
    """The flowable inside its tagging wrapper."""
    while isinstance(flowable, Tagged | Decoration):
        flowable = flowable.inner
    return flowable


def element_of(flowable: Flowable) -> Element | list[Element] | None:
    if isinstance(flowable, Tagged):
        return flowable.element
    return flowable.__dict__.get("element")  # type: ignore[no-any-return]


def story_elements(story: list[Flowable]) -> list[Element]:
    """The structure elements of a story's flowables, in story order: a flowable's
    own (``Tagged``, or a table that stands for elements: :func:`structured`),
    else its contents' (KeepTogether).  An element another one follows (a photo's
    Caption, in its Figure) is that one's child, not a sibling."""
    out: list[Element] = []
    followed: set[int] = set()  # elements another one holds as its tail: its children
    for flowable in story:
        element = element_of(flowable)
        if isinstance(element, list):
            out += element
            continue
        if element is not None:
            if id(element) not in followed:
                out.append(element)
                followed.update(id(kid) for kid in element.tail)
            continue
        content = getattr(flowable, "_content", None)
        if isinstance(content, list):
            out += story_elements(content)
    return out


def table_artifacts(table: Any, event: str, *args: Any) -> None:
    """A reportlab Table ``renderCB``: its backgrounds and grid lines are artifacts
    (the cells' paragraphs are tagged by their own wrappers)."""
    canvas = table.canv
    tags = tags_of(canvas)
    if tags is None:
        return
    if event in ("startBG", "startLines") and not tags.is_open:
        tags.begin_artifact(canvas._code)
        table._pressctl_artifact = True
    elif event in ("endBG", "endLines") and getattr(table, "_pressctl_artifact", False):
        tags.end(canvas._code)
        table._pressctl_artifact = False


def structured(table: Any, element: Element | list[Element]) -> Any:
    """``table`` (a reportlab Table laid out for looks) standing for ``element`` in the
    structure tree — a ``Table``, a ``BlockQuote``, a bilingual row's elements —
    with its backgrounds and grid lines drawn as artifacts."""
    table.element = element
    table._renderCB = table_artifacts
    return table
