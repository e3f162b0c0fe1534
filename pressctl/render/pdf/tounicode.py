"""ToUnicode maps that PDF/A-2u and PDF/UA-1 accept, written where reportlab writes them.

reportlab subsets a TrueType font into 256-code fonts and writes each one's
ToUnicode CMap from the subset's code list.  Codes it never assigned (0 and
the fill-in codes 1–31 of its ASCII-readable first subset) are listed too,
mapped to U+0000, which both standards forbid (a text extractor would emit
NUL characters).  Characters beyond the BMP are written as five hex digits
instead of a UTF-16 surrogate pair, and all codes go into one ``bfchar``
block although a block may hold at most 100.

:class:`ArchivalTTFont` is reportlab's ``TTFont`` with its ToUnicode
streams rewritten by :func:`to_unicode_cmap` right after reportlab builds
them, before the document is serialised: every code that can be drawn maps
to the same character as before, unassigned codes map to nothing.  Fixing
the map here rather than re-parsing the CMap streams of the finished PDF
keeps the source of truth (reportlab's code → character table) in hand
instead of reading it back from PostScript text.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

#: Values a ToUnicode map must not produce (ISO 19005-2 6.2.11.7.2, ISO 14289-1 7.21.7).
FORBIDDEN = frozenset({0x0000, 0xFEFF, 0xFFFE})
#: At most 100 entries between ``beginbfchar`` and ``endbfchar`` (ISO 32000-1 9.10.3).
BLOCK = 100


def to_unicode_cmap(name: str, codes: list[int]) -> str:
    """The ToUnicode CMap of one subset: code ``i`` draws character ``codes[i]``."""
    entries = [f"<{code:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>"
               for code, value in enumerate(codes) if value not in FORBIDDEN]
    blocks: list[str] = []
    for start in range(0, len(entries), BLOCK):
        chunk = entries[start:start + BLOCK]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({name})",
        f"/Ordering ({name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{max(len(codes) - 1, 0):02X}>",
        "endcodespacerange",
        *blocks,
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


class ArchivalTTFont(TTFont):  # type: ignore[misc]
    """reportlab's dynamic TrueType font whose ToUnicode maps have no holes."""

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        face = self.face
        for number, codes in enumerate(subsets):
            name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + name)
            if stream is not None:
                stream.content = to_unicode_cmap(name, codes)
