"""Tagged PDF, the writing half: the structure tree, added with pikepdf.

reportlab writes the pages with their marked content (:mod:`pdf_tags`) but has
no structure tree.  Its catalog could be given extra entries, but the tree
needs indirect objects that point at pages and annotations reportlab numbers
only while it writes; pikepdf opens the finished bytes, where every page and
annotation is an object to point at, so the tree is built there:
``StructTreeRoot`` (``K`` → ``Document``, the ``ParentTree`` number tree from
each page's MCIDs and each link annotation back to its element,
``ParentTreeNextKey``), ``/StructParents`` and ``/Tabs /S`` on pages,
``/StructParent`` and ``/Contents`` (the link's text and its URI) on link
annotations, ``/MarkInfo``.  Elements keep the standard role names, so no
``RoleMap`` is needed.

:func:`structure` is one of the steps ``pdf_archive.finish`` runs on the opened
PDF before it adds the archival metadata, the catalog's ``/Lang`` and
``/ViewerPreferences`` and saves deterministically.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from pressctl.render.pdf.tags import MCR, OBJR, Element, Tags

Step = Callable[[pikepdf.Pdf], None]


def structure(tags: Tags) -> Step:
    """The step that writes ``tags``' tree into the PDF."""
    return lambda pdf: write(pdf, tags)


def write(pdf: pikepdf.Pdf, tags: Tags) -> None:
    pages = list(pdf.pages)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_page: dict[int, dict[int, Any]] = {}  # page → MCID → element object
    annotations: list[tuple[Any, Any]] = []  # (annotation, element object)

    def build(element: Element, parent: Any) -> Any:
        obj = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role),
                                           P=parent))
        _attributes(obj, element)
        refs = [k for k in element.children if not isinstance(k, Element)]
        first_page = refs[0].page if refs else None
        if first_page is not None:
            obj.Pg = pages[first_page - 1].obj
        kids = Array()
        for kid in element.children:
            if isinstance(kid, Element):
                kids.append(build(kid, obj))
            elif isinstance(kid, MCR):
                by_page.setdefault(kid.page, {})[kid.mcid] = obj
                if kid.page == first_page:
                    kids.append(kid.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[kid.page - 1].obj,
                                           MCID=kid.mcid))
            elif isinstance(kid, OBJR):
                page = pages[kid.page - 1]
                annotation = page.obj.Annots[kid.index]
                annotations.append((annotation, obj))
                kids.append(Dictionary(Type=Name.OBJR, Pg=page.obj, Obj=annotation))
                if "Contents" in element.attrs:
                    annotation.Contents = String(element.attrs["Contents"])
        obj.K = kids
        return obj

    document = build(tags.document, root)
    root.K = document
    numbers: list[Any] = []
    key = 0
    for number, page in enumerate(pages, start=1):
        page.obj.Tabs = Name.S
        marks = by_page.get(number)
        if not marks:
            continue
        assert sorted(marks) == list(range(len(marks))), f"page {number}: MCIDs not 0…n"
        page.obj.StructParents = key
        numbers.extend([key, pdf.make_indirect(Array([marks[i] for i in sorted(marks)]))])
        key += 1
    for annotation, obj in annotations:
        annotation.StructParent = key
        numbers.extend([key, obj])
        key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(numbers)))
    root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _attributes(obj: Any, element: Element) -> None:
    attrs = element.attrs
    if "Lang" in attrs:
        obj.Lang = String(attrs["Lang"])
    if "Alt" in attrs:
        obj.Alt = String(attrs["Alt"])
    if "Scope" in attrs:
        obj.A = Dictionary(O=Name.Table, Scope=Name("/" + attrs["Scope"]))
