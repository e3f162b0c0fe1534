"""reportlab's font registry, scoped to one rendered file.

reportlab keeps every registered font in module-wide dictionaries
(``pdfmetrics._fonts``, ``_dynFaceNames`` and the family maps of
``reportlab.lib.fonts``) for the life of the process.  pressctl registers a
font subset made for each document's characters (see ``pdf_fonts``), so a
process that renders many releases — ``build`` of 200 releases with
``--jobs 1``, or a ``--jobs`` worker — kept every subset ever made: about
1 MB a release, and the garbage collector walked them all again and again,
so the time per release grew with the number of releases too.

:func:`scoped_fonts` forgets, when a file is done, the fonts registered from
memory while it was rendered.  A font registered from a file on disk (a
TrueType font used whole) stays: it is the same for every document, and
parsing it again would only cost time.  The names are content hashes, so a
later document that needs the same subset registers it again under the same
name and gets the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

_PDFMETRICS = "reportlab.pdfbase.pdfmetrics"


def _from_memory(font: object) -> bool:
    """Whether ``font`` was loaded from bytes (a subset), not from a font file on disk."""
    filename = getattr(getattr(font, "face", None), "filename", None)
    return not (isinstance(filename, str) and os.path.isabs(filename))


def registered() -> set[str]:
    """The names of the fonts reportlab knows now (none before reportlab is imported)."""
    pdfmetrics = sys.modules.get(_PDFMETRICS)
    return set(pdfmetrics._fonts) if pdfmetrics is not None else set()  # type: ignore[attr-defined]


def forget(names: set[str]) -> None:
    """Remove the in-memory fonts of ``names`` from reportlab's registry and family maps."""
    pdfmetrics = sys.modules.get(_PDFMETRICS)
    if pdfmetrics is None or not names:
        return
    from reportlab.lib import fonts as families

    table = pdfmetrics._fonts  # type: ignore[attr-defined]
    faces = pdfmetrics._dynFaceNames  # type: ignore[attr-defined]
    gone = set()
    for name in names:
        font = table.get(name)
        if font is None or not _from_memory(font):
            continue
        del table[name]
        gone.add(name)
        face = getattr(getattr(font, "face", None), "name", None)
        if face is not None and faces.get(face) is font:
            del faces[face]
    if not gone:
        return
    lowered = {name.lower() for name in gone}
    for key, value in list(families._tt2ps_map.items()):
        if key[0] in lowered or value in gone:
            del families._tt2ps_map[key]
    for key, value in list(families._ps2tt_map.items()):
        if key in lowered or value[0] in lowered:
            del families._ps2tt_map[key]


@contextlib.contextmanager
def scoped_fonts() -> Iterator[None]:
    """Forget the in-memory fonts registered inside the block when it ends."""
    before = registered()
    try:
        yield
    finally:
        forget(registered() - before)
