"""Renderers: one package per output format, registered here by format.

Each format draws a resolved :class:`pressctl.kit.Kit` as bytes (its
``edition.build(kit)``) and the bilingual edition (``bilingual.build_bilingual
(source, target)``); a :class:`Renderer` writes them to a path.
:data:`RENDERERS` is the one table from a format name to its renderer, which
the build calls; each entry imports its package on first use, because
reportlab and python-docx are slow to import and a build of one format needs
only its own.  A new format is a package beside ``pdf/`` and ``docx/`` plus
one line here.  The shared modules of this package (``picture``,
``table_layout``, ``charts``) serve both formats, which never import each
other (``tests/test_imports.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pressctl.core.interrupts import signals_held

if TYPE_CHECKING:
    from pressctl.kit import Kit


class Renderer(NamedTuple):
    build: Callable[[Kit], bytes]
    #: None for a format without a bilingual edition (the web page, the e-mail)
    build_bilingual: Callable[[Kit, Kit], bytes] | None = None
    #: files a format writes beside its own (the web page's social card), into the folder
    beside: Callable[[Kit, Path], None] | None = None
    #: work for a kit that can be done ahead, in any process, and leaves its result in the
    #: cache: the PDF's subset of the kit's regular or bold face (``prepare(kit, face)``)
    prepare: Callable[[Kit, str], None] | None = None

    def render(self, kit: Kit, path: Path) -> None:
        """Write the kit to ``path`` (and what belongs beside it, into its folder)."""
        path.write_bytes(self.build(kit))
        if self.beside is not None:
            self.beside(kit, path.parent)

    def render_bilingual(self, source: Kit, target: Kit, path: Path) -> None:
        """Write the bilingual edition (source beside translation) to ``path``."""
        if self.build_bilingual is None:
            raise TypeError("this format has no bilingual edition (plan.BILINGUAL_FORMATS)")
        path.write_bytes(self.build_bilingual(source, target))


def _pdf() -> Renderer:
    from pressctl.render.pdf import bilingual, edition

    return Renderer(edition.build, bilingual.build_bilingual, prepare=edition.prepare)


def _docx() -> Renderer:
    from pressctl.render.docx import bilingual, edition

    return Renderer(edition.build, bilingual.build_bilingual)


def _html() -> Renderer:
    from pressctl.render.html import edition

    return Renderer(edition.build, beside=edition.card)


def _email() -> Renderer:
    from pressctl.render.email import edition

    return Renderer(edition.build)


#: format → its renderer, loaded on first use.
RENDERERS: dict[str, Callable[[], Renderer]] = {"pdf": _pdf, "docx": _docx, "html": _html,
                                                "email": _email}


def renderer(fmt: str) -> Renderer:
    """The renderer of ``fmt`` (a format the configuration accepted).  Its modules are
    imported with Ctrl-C and SIGTERM held: pikepdf (nanobind) aborts the process
    ("Critical nanobind error", SIGABRT and a traceback) when a KeyboardInterrupt
    comes while it initialises."""
    with signals_held():
        return RENDERERS[fmt]()
