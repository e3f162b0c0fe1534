"""Name a character the way an error message should: ``U+1F600 GRINNING FACE``.

Messages about a character a reader cannot see (a control character, or one
the font draws as an empty box) are only useful with its code point and its
Unicode name.  Python's ``unicodedata.name()`` has no name for the control
characters (UnicodeData.txt calls them all ``<control>``), so their formal
aliases come from ``data/control-names.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

CONTROL_NAMES = Path(__file__).with_name("data") / "control-names.txt"
#: Characters no page can show and DOCX's XML cannot hold: the control
#: characters (C0, DEL, C1) except the white space Markdown understands (tab,
#: line feed, carriage return; vertical tab and form feed separate words),
#: surrogates, and the non-characters U+FFFE and U+FFFF.
UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@cache
def _control_names() -> dict[int, tuple[str, str]]:
    names: dict[int, tuple[str, str]] = {}
    for line in CONTROL_NAMES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, alias, abbreviation = line.split(";")
            names[int(code, 16)] = (alias, abbreviation)
    return names


def is_unprintable(char: str) -> bool:
    return UNPRINTABLE.fullmatch(char) is not None


def describe(char: str) -> str:
    """``U+0007 ALERT (BEL)``, ``U+1F600 GRINNING FACE '😀'``: code point and name,
    and the character itself when it is visible."""
    code = ord(char)
    control = _control_names().get(code)
    if control is not None:
        return f"U+{code:04X} {control[0]} ({control[1]})"
    name = unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        kind = {"Cs": "SURROGATE", "Co": "PRIVATE USE CHARACTER",
                "Cn": "UNASSIGNED OR NON-CHARACTER"}.get(category, "CHARACTER")
        return f"U+{code:04X} ({kind.lower()})"
    visible = not char.isspace() and unicodedata.category(char) not in ("Mn", "Me", "Cf")
    return f"U+{code:04X} {name}" + (f" {char!r}" if visible else "")
