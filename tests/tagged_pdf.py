"""An independent checker of tagged PDFs (issue 16), written apart from pressctl's tagger.

page-validation checks PDF/UA-1 and PDF/A-2u rule by rule but misses structural faults
(an MCID that the ParentTree maps to the wrong element, nested marked content, a Link
without its OBJR). This module walks the file itself with pikepdf and reports them:

- ``problems(path)``: every fault as one readable line naming the page and the MCID or
  the element (``/Document/L[2]/LI[1]``: role and position among its siblings);
- ``elements(path)`` / ``outline(path)``: the structure tree in logical order with the
  text each element reads as, which tests assert reading order on.

It shares no code with ``pressctl/render``: the content streams are read with
``pikepdf.parse_content_stream`` (Form XObjects painted on a page are followed), the
structure tree and ParentTree with pikepdf's object model.

**The text oracle.** Text is decoded by pdfminer.six (its fonts apply ToUnicode maps and
the standard encodings), through a small device that records, for every glyph, the MCID
of the innermost enclosing marked-content sequence that has one. pdfminer and not
poppler because the text must be attributed by *this* module's walk of the tree — the
thing under test — from per-MCID text: ``pdfinfo -struct-text`` does the whole walk
itself, so a fault in how the tree points at content would be poppler's reading, not a
check. (pdfplumber's own MCID tagging keeps no stack: text after a nested ``/Span
<</Lang …>>`` inside a paragraph would lose its MCID, hence the device here.) Poppler
stays the second, independent oracle: the golden ``pdfinfo -struct-text`` snapshot of
the BMW kit (tests/test_accessible_pdf.py).

**What is accepted.** Nested marked content is a fault, with one exception the PDF spec
gives as its own example (ISO 32000-1, 14.9.2.2): a ``/Span <</Lang …>> BDC`` without an
MCID inside a tagged sequence, to mark the language of a run. MCIDs inside a Form
XObject are counted as the page's (pressctl's forms have no ``/StructParents``; an MCR
with ``/Stm`` is not modelled). A missing or empty structure tree is always a problem.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from pressctl.core.script import is_cjk

# ISO 32000-1, 14.8.4: the standard structure types
STANDARD_ROLES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form"})
TABLE_SECTIONS = frozenset({"Table", "THead", "TBody", "TFoot"})
TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
PATH_PAINTING = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
SCOPES = frozenset({"/Row", "/Column", "/Both"})

PageKey = tuple[int, int]  # a page's object number and generation


@dataclass
class Element:
    """One structure element, as read from the tree."""

    depth: int
    role: str  # the standard role, through /RoleMap
    tag: str  # the /S as written
    where: str  # /Document/L[2]/LI[1]
    lang: str | None  # the element's own /Lang
    alt: str | None
    text: str = ""  # everything the element reads as, in logical order (spaces collapsed)
    raw: str = field(default="", repr=False)  # the same with the spaces as painted
    content: list[tuple[PageKey, int]] = field(default_factory=list)  # own MCRs, in /K order
    order: list[Element | tuple[PageKey, int]] = field(default_factory=list, repr=False)
    annotations: list[tuple[int, int]] = field(default_factory=list)  # OBJR targets
    children: list[Element] = field(default_factory=list, repr=False)
    parent: Element | None = field(default=None, repr=False)
    obj: Any = field(default=None, repr=False)  # the pikepdf object, while the file is open


@dataclass
class _Mark:
    tag: str
    mcid: int | None
    lang_span: bool


@dataclass
class _Page:
    number: int
    obj: Any
    mcids: Counter[int] = field(default_factory=Counter)


# ---------------------------------------------------------------- public functions


def problems(path: Path | str) -> list[str]:
    """Every structural fault of the tagged PDF at ``path``, one readable line each."""
    with pikepdf.open(path) as pdf:
        return _Check(pdf).run()


def elements(path: Path | str) -> list[Element]:
    """The structure elements in logical (depth-first /K) order, each with its text."""
    with pikepdf.open(path) as pdf:
        tree, numbers = _read_tree(pdf, [])
        for element in _walk(tree):
            element.obj = None  # dead once the file closes
    texts = _mcid_texts(Path(path))
    found = list(_walk(tree))
    for element in reversed(found):  # children first: a parent's text joins theirs
        parts: list[str] = []
        _gather(element, texts, numbers, parts)
        element.raw = _join(parts)
        element.text = re.sub(r"\s+", " ", element.raw).strip()
    return found


def outline(path: Path | str) -> list[tuple[int, str, str]]:
    """(depth, role, text) of every structure element in logical order; depth 0 is the
    tree's top (``Document``), the text is all the element reads as."""
    return [(e.depth, e.role, e.text) for e in elements(path)]


# ---------------------------------------------------------------- the structure tree


def _walk(elements: list[Element]) -> Iterator[Element]:
    for element in elements:
        yield element
        yield from _walk(element.children)


def _role(tag: str, role_map: Any) -> str:
    """The standard role ``tag`` resolves to through /RoleMap (chains followed), or the
    last name reached when it resolves to none."""
    seen = set()
    while tag not in STANDARD_ROLES and tag not in seen and role_map is not None \
            and Name("/" + tag) in role_map:
        seen.add(tag)
        tag = str(role_map[Name("/" + tag)])[1:]
    return tag


def _is_element(obj: Any) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj and \
        obj.get("/Type", Name.StructElem) == Name.StructElem


def _read_tree(pdf: pikepdf.Pdf, found: list[str]) -> tuple[list[Element], dict[PageKey, int]]:
    """The top-level elements of the structure tree, and page object → page number.
    Faults met while reading (an MCR without a page, a cycle) go to ``found``."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return [], pages
    role_map = root.get("/RoleMap")
    seen: set[tuple[int, int]] = set()

    def element(obj: Any, parent: Element | None, where: str, depth: int,
                page: Any) -> Element:
        tag = str(obj.S)[1:]
        node = Element(depth=depth, role=_role(tag, role_map), tag=tag, where=where,
                       lang=str(obj.Lang) if "/Lang" in obj else None,
                       alt=str(obj.Alt) if "/Alt" in obj else None, parent=parent, obj=obj)
        page = obj.get("/Pg", page)
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]
        counts: Counter[str] = Counter()
        for item in items:
            if _is_element(item):
                if item.is_indirect and item.objgen in seen:
                    found.append(f"{where}: element {item.S} appears twice in the tree")
                    continue
                if item.is_indirect:
                    seen.add(item.objgen)
                name = str(item.S)[1:]
                counts[name] += 1
                child = element(item, node, f"{where}/{name}[{counts[name]}]", depth + 1, page)
                node.children.append(child)
                node.order.append(child)
            elif isinstance(item, int):
                content(node, page, int(item))
            elif isinstance(item, Dictionary) and item.get("/Type") == Name.OBJR:
                target = item.get("/Obj")
                if target is None or not target.is_indirect:
                    found.append(f"{where}: OBJR without an indirect /Obj")
                else:
                    node.annotations.append(target.objgen)
            elif isinstance(item, Dictionary) and "/MCID" in item:
                content(node, item.get("/Pg", page), int(item.MCID))
            else:
                found.append(f"{where}: /K holds something that is no element, MCID, "
                             f"MCR or OBJR: {item!r:.60}")
        return node

    def content(node: Element, page: Any, mcid: int) -> None:
        if page is None or not isinstance(page, Dictionary) or page.objgen not in pages:
            found.append(f"{node.where}: MCID {mcid} has no /Pg (own or inherited) "
                         "naming a page of the document")
        else:
            node.content.append((page.objgen, mcid))
            node.order.append((page.objgen, mcid))

    top = root.get("/K")
    items = list(top) if isinstance(top, Array) else [] if top is None else [top]
    tree: list[Element] = []
    counts: Counter[str] = Counter()
    for item in items:
        if _is_element(item):
            if item.is_indirect:
                seen.add(item.objgen)
            name = str(item.S)[1:]
            counts[name] += 1
            tree.append(element(item, None, f"/{name}" + (f"[{counts[name]}]"
                                                         if counts[name] > 1 else ""), 0, None))
        else:
            found.append(f"StructTreeRoot /K holds something that is no element: {item!r:.60}")
    return tree, pages


def _number_tree(node: Any, into: dict[int, Any], depth: int = 0) -> None:
    """Read a number tree (/Nums pairs, /Kids) into ``into``."""
    if depth > 32 or not isinstance(node, Dictionary):
        return
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        for index in range(0, len(nums) - 1, 2):
            into[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", []):
        _number_tree(kid, into, depth + 1)


# ---------------------------------------------------------------- content streams


class _Check:
    """One run of every check over an open PDF."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.found: list[str] = []
        self.pages = [_Page(number, page.obj) for number, page in enumerate(pdf.pages, 1)]

    def run(self) -> list[str]:
        self._catalog()
        for page, pikepage in zip(self.pages, self.pdf.pages, strict=True):
            self._content(page, pikepage)
            if pikepage.obj.get("/Tabs") != Name.S:
                self.found.append(f"page {page.number}: no /Tabs /S (tab order = structure)")
        tree, _ = _read_tree(self.pdf, self.found)
        everything = list(_walk(tree))
        if "/StructTreeRoot" in self.pdf.Root and not tree:
            self.found.append("the structure tree is empty (StructTreeRoot has no element)")
        elif tree and not any(e.content for e in everything):
            self.found.append("the structure tree points at no content (no element holds "
                              "an MCID)")
        for element in everything:
            self._element(element)
        self._mapping(everything)
        return self.found

    # ---- the catalog

    def _catalog(self) -> None:
        root = self.pdf.Root
        mark_info = root.get("/MarkInfo")
        if not isinstance(mark_info, Dictionary) or mark_info.get("/Marked") is not True:
            self.found.append("catalog: no /MarkInfo <</Marked true>>")
        if not str(root.get("/Lang", "")).strip():
            self.found.append("catalog: no /Lang")
        if not isinstance(root.get("/StructTreeRoot"), Dictionary):
            self.found.append("catalog: no /StructTreeRoot (the PDF is untagged)")
        preferences = root.get("/ViewerPreferences")
        if not isinstance(preferences, Dictionary) or \
                preferences.get("/DisplayDocTitle") is not True:
            self.found.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")

    # ---- marked content on a page

    def _content(self, page: _Page, pikepage: pikepdf.Page) -> None:
        stack: list[_Mark] = []
        self._stream(page, pikepdf.parse_content_stream(pikepage),
                     pikepage.obj.get("/Resources"), stack, set())
        for mark in stack:
            self.found.append(f"page {page.number}: {_name(mark)} is not closed by EMC")
        for mcid, count in sorted(page.mcids.items()):
            if count > 1:
                self.found.append(f"page {page.number}: MCID {mcid} is used {count} times")

    def _stream(self, page: _Page, instructions: Any, resources: Any, stack: list[_Mark],
                forms: set[tuple[int, int]]) -> None:
        where = f"page {page.number}" + (" (in a Form XObject)" if forms else "")
        text_depth: int | None = None  # how many sequences were open at BT
        unmarked: Counter[str] = Counter()
        for instruction in instructions:
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                mark = _mark(instruction.operands, resources)
                if stack and not (mark.lang_span and stack[-1].mcid is not None):
                    self.found.append(f"{where}: {_name(mark)} is nested inside "
                                      f"{_name(stack[-1])}")
                if mark.mcid is not None:
                    page.mcids[mark.mcid] += 1
                stack.append(mark)
            elif op == "EMC":
                if not stack:
                    self.found.append(f"{where}: EMC without a BDC/BMC before it")
                    continue
                if text_depth is not None and len(stack) <= text_depth:
                    self.found.append(f"{where}: {_name(stack[-1])} opened before BT is "
                                      "closed inside the text object (BDC/EMC across BT…ET)")
                stack.pop()
            elif op == "BT":
                text_depth = len(stack)
            elif op == "ET":
                if text_depth is not None and len(stack) > text_depth:
                    self.found.append(f"{where}: {_name(stack[-1])} opened inside a text "
                                      "object is still open at ET (BDC/EMC across BT…ET)")
                text_depth = None
            elif op in TEXT_SHOWING or op in PATH_PAINTING or op in ("sh", "INLINE IMAGE"):
                if not _marked(stack):
                    unmarked[_kind(op)] += 1
            elif op == "Do":
                xobject = _resource(resources, "/XObject", instruction.operands[0])
                if xobject is None:
                    continue
                if xobject.get("/Subtype") == Name.Form:
                    if xobject.objgen in forms:
                        continue
                    self._stream(page, pikepdf.parse_content_stream(xobject),
                                 xobject.get("/Resources", resources), stack,
                                 forms | {xobject.objgen})
                elif not _marked(stack):
                    unmarked["image"] += 1
        for kind, count in sorted(unmarked.items()):
            self.found.append(f"{where}: {count} {kind} operator(s) outside any marked "
                              "content (untagged content: neither tagged nor /Artifact)")

    # ---- elements

    def _element(self, element: Element) -> None:
        role, where = element.role, element.where
        if role not in STANDARD_ROLES:
            self.found.append(f"{where}: role /{element.tag} is neither standard nor mapped "
                              "to one through /RoleMap")
        if role == "Figure" and not (element.alt or "").strip():
            self.found.append(f"{where}: Figure without /Alt")
        if role == "TH" and not _has_scope(element.obj):
            self.found.append(f"{where}: TH without /Scope (an /A <</O /Table /Scope …>>)")
        kids = [child.role for child in element.children]
        if role == "L" and any(kid not in ("LI", "Caption") for kid in kids):
            self.found.append(f"{where}: L holds {sorted(set(kids) - {'LI', 'Caption'})}, "
                              "not only LI")
        if role == "LI" and any(kid not in ("Lbl", "LBody") for kid in kids):
            self.found.append(f"{where}: LI holds {sorted(set(kids) - {'Lbl', 'LBody'})}, "
                              "not only Lbl/LBody")
        parent = element.parent.role if element.parent else None
        if role == "TR" and parent not in TABLE_SECTIONS:
            self.found.append(f"{where}: TR outside Table/THead/TBody/TFoot (in {parent})")
        if role in ("TH", "TD") and parent != "TR":
            self.found.append(f"{where}: {role} outside a TR (in {parent})")

    # ---- MCIDs, the ParentTree, annotations

    def _mapping(self, everything: list[Element]) -> None:
        root = self.pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, Dictionary):  # untagged: the annotations still need these
            for page, pikepage in zip(self.pages, self.pdf.pages, strict=True):
                for index, annotation in enumerate(pikepage.obj.get("/Annots", []), 1):
                    self._annotation(page, index, annotation, None, {}, set())
            return
        by_object = {e.obj.objgen: e for e in everything if e.obj.is_indirect}
        number = {page.obj.objgen: page.number for page in self.pages}
        holders: dict[tuple[PageKey, int], list[Element]] = {}
        for element in everything:
            for item in element.content:
                holders.setdefault(item, []).append(element)
        for (page_key, mcid), held in sorted(holders.items(), key=lambda kv: kv[0]):
            page = self.pages[number[page_key] - 1]
            if len(held) > 1:
                self.found.append(f"page {page.number}: MCID {mcid} is held by "
                                  f"{len(held)} elements ({', '.join(e.where for e in held)})")
            if mcid not in page.mcids:
                self.found.append(f"{held[0].where}: MCR points at MCID {mcid} on page "
                                  f"{page.number}, which has no such marked content")
        parent_tree: dict[int, Any] = {}
        _number_tree(root.get("/ParentTree"), parent_tree)
        used = set(parent_tree)
        for page, pikepage in zip(self.pages, self.pdf.pages, strict=True):
            key = pikepage.obj.get("/StructParents")
            if key is not None:
                used.add(int(key))
            if page.mcids:
                self._page_entry(page, key, parent_tree, by_object)
            for index, annotation in enumerate(pikepage.obj.get("/Annots", []), 1):
                self._annotation(page, index, annotation, parent_tree, by_object, used)
        next_key = root.get("/ParentTreeNextKey")
        if next_key is not None and used and int(next_key) <= max(used):
            self.found.append(f"StructTreeRoot: /ParentTreeNextKey {int(next_key)} is not "
                              f"above the largest key in use ({max(used)})")

    def _page_entry(self, page: _Page, key: Any, parent_tree: dict[int, Any],
                    by_object: dict[tuple[int, int], Element]) -> None:
        if key is None:
            self.found.append(f"page {page.number}: has MCIDs but no /StructParents")
            return
        entry = parent_tree.get(int(key))
        if not isinstance(entry, Array):
            self.found.append(f"page {page.number}: the ParentTree has no array for "
                              f"/StructParents {int(key)}")
            return
        for mcid in sorted(page.mcids):
            target = entry[mcid] if mcid < len(entry) else None
            element = by_object.get(target.objgen) if isinstance(target, Dictionary) \
                and target.is_indirect else None
            if element is None:
                self.found.append(f"page {page.number}: MCID {mcid} is not mapped by the "
                                  "ParentTree to an element of the structure tree")
            elif (page.obj.objgen, mcid) not in element.content:
                self.found.append(f"page {page.number}: the ParentTree maps MCID {mcid} to "
                                  f"{element.where}, which does not hold it")

    def _annotation(self, page: _Page, index: int, annotation: Any,
                    parent_tree: dict[int, Any] | None, by_object: dict[tuple[int, int], Element],
                    used: set[int]) -> None:
        subtype = str(annotation.get("/Subtype", "/?"))
        if subtype == "/Popup":
            return
        uri = annotation.get("/A", {}).get("/URI") if isinstance(
            annotation.get("/A"), Dictionary) else None
        name = f"page {page.number}: {subtype[1:]} annotation {index}" + \
            (f" ({uri})" if uri is not None else "")
        if subtype == "/Link" and not str(annotation.get("/Contents", "")).strip():
            self.found.append(f"{name} has no /Contents")
        key = annotation.get("/StructParent")
        if key is None:
            self.found.append(f"{name} has no /StructParent")
            return
        used.add(int(key))
        if parent_tree is None:
            return
        target = parent_tree.get(int(key))
        element = by_object.get(target.objgen) if isinstance(target, Dictionary) and \
            target.is_indirect else None
        if element is None:
            self.found.append(f"{name}: the ParentTree entry {int(key)} is no element of "
                              "the structure tree")
        elif subtype == "/Link" and element.role != "Link":
            self.found.append(f"{name}: the ParentTree maps it to {element.where}, not a Link")
        elif not annotation.is_indirect or annotation.objgen not in element.annotations:
            self.found.append(f"{name}: {element.where} holds no OBJR to this annotation")


def _mark(operands: Any, resources: Any) -> _Mark:
    tag = str(operands[0])[1:]
    properties = operands[1] if len(operands) > 1 else None
    if isinstance(properties, Name):  # a named property list in /Resources /Properties
        properties = _resource(resources, "/Properties", properties)
    mcid = lang = None
    if isinstance(properties, Dictionary):
        mcid = int(properties.MCID) if "/MCID" in properties else None
        lang = properties.get("/Lang")
    return _Mark(tag, mcid, tag == "Span" and lang is not None and mcid is None)


def _name(mark: _Mark) -> str:
    return f"/{mark.tag}" + (f" MCID {mark.mcid}" if mark.mcid is not None else "")


def _marked(stack: list[_Mark]) -> bool:
    return any(mark.mcid is not None or mark.tag == "Artifact" for mark in stack)


def _kind(op: str) -> str:
    return "text" if op in TEXT_SHOWING else "path" if op in PATH_PAINTING else \
        "shading" if op == "sh" else "image"


def _resource(resources: Any, category: str, name: Any) -> Any:
    if not isinstance(resources, Dictionary):
        return None
    group = resources.get(category)
    return group.get(name) if isinstance(group, Dictionary) else None


def _has_scope(obj: Any) -> bool:
    attributes = obj.get("/A")
    items = list(attributes) if isinstance(attributes, Array) else [attributes]
    return any(isinstance(item, Dictionary) and item.get("/O") == Name.Table
               and str(item.get("/Scope")) in SCOPES for item in items)


# ---------------------------------------------------------------- text, through pdfminer


def _mcid_texts(path: Path) -> dict[tuple[int, int], str]:
    """(page number, MCID) → the text painted in that marked-content sequence."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Recorder(PDFPageAggregator):
        """Records each glyph's text and baseline under the innermost MCID open."""

        def __init__(self, manager: PDFResourceManager) -> None:
            super().__init__(manager)
            self.stack: list[int | None] = []
            self.glyphs: dict[int, list[tuple[str, float, float]]] = {}

        def begin_tag(self, tag: Any, props: Any = None) -> None:
            mcid = props.get("MCID") if isinstance(props, dict) else None
            self.stack.append(mcid if isinstance(mcid, int) else None)

        def end_tag(self) -> None:
            if self.stack:
                self.stack.pop()

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            advance: float = super().render_char(*args, **kwargs)
            mcid = next((m for m in reversed(self.stack) if m is not None), None)
            glyph = self.cur_item._objs[-1] if self.cur_item._objs else None
            if mcid is not None and isinstance(glyph, LTChar):
                self.glyphs.setdefault(mcid, []).append(
                    (glyph.get_text(), glyph.y0, glyph.size))
            return advance

    texts: dict[tuple[int, int], str] = {}
    manager = PDFResourceManager()
    with path.open("rb") as stream:
        for number, page in enumerate(PDFPage.get_pages(stream), 1):
            device = Recorder(manager)
            PDFPageInterpreter(manager, device).process_page(page)
            for mcid, glyphs in device.glyphs.items():
                texts[(number, mcid)] = _line_up(glyphs)
    return texts


def _line_up(glyphs: list[tuple[str, float, float]]) -> str:
    """Glyphs in painting order → text, a space where a new line starts between two
    letters that are not CJK (a line break inside an English paragraph is a space)."""
    out = ""
    last_y: float | None = None
    for text, y, size in glyphs:
        if last_y is not None and abs(y - last_y) > size * 0.5 and out:
            out = _join([out, text])
        else:
            out += text
        last_y = y
    return out


def _gather(element: Element, texts: dict[tuple[int, int], str],
            numbers: dict[PageKey, int], parts: list[str]) -> None:
    """The element's own content and its children's texts, in /K order."""
    for item in element.order:
        if isinstance(item, Element):
            parts.append(item.raw)
        else:
            page_key, mcid = item
            parts.append(texts.get((numbers[page_key], mcid), ""))


def _join(parts: list[str]) -> str:
    """Concatenate texts as painted, with a space at a seam where neither side has one
    and neither is CJK (a paragraph's line or page break, an English word before a link)."""
    out = ""
    for part in parts:
        if out and part and not (out[-1].isspace() or part[0].isspace()
                                 or is_cjk(out[-1]) or is_cjk(part[0])):
            out += " "
        out += part
    return out
