"""Text helpers shared by the checks: spans that are not prose (scripts: pressctl.core.script).

Placeholders, URLs and e-mail addresses are code, not language, and a name the
release keeps in Latin letters (its organisation, a speaker, a contact: see
:mod:`pressctl.qa.names`) is written as its owner writes it, with its own
punctuation ("Example Energy, Inc.").  Numbers, punctuation and leftover checks
look at text with those spans blanked out (same length, so offsets still point
into the original).

Angle brackets are *not* code: pressctl prints inline HTML as typed (README,
"Marked-up text"), so "<Harbour Lines 2030>" or ``<b>`` is on the page and
every check reads it like any other text; an autolink ``<https://…>`` is a URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pressctl.core.verbatim import EMAIL, URL

__all__ = ["BRACE_FIELD", "EMAIL", "PRINTF", "URL", "mask", "name_spans", "protected"]

BRACE_FIELD = re.compile(r"\{[A-Za-z_][\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}")
PRINTF = re.compile(r"%(?:\([^)]+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
#: A name is matched as a whole word: "Berg" is not found in "Bergen".
_EDGE = "A-Za-z0-9\u00c0-\u024f"


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_EDGE}]){re.escape(name)}(?![{_EDGE}])")


def name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``text`` has one of ``names`` (longest first, whole words only)."""
    found: list[tuple[int, int]] = []
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        for m in _name_pattern(name).finditer(text):
            if all(m.end() <= a or m.start() >= b for a, b in found):
                found.append((m.start(), m.end()))
    return found


def protected(text: str, flags: tuple[str, ...] = (),
              names: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of code inside a segment (placeholders, URLs, e-mail addresses) and the
    Latin-script ``names`` it keeps as written.

    printf-style ``%s`` only counts under the ``python-format`` flag, since
    in prose "6.4% of" would otherwise read as a ``% o`` conversion.
    """
    patterns = [URL, EMAIL, BRACE_FIELD]
    if "python-format" in flags:
        patterns.append(PRINTF)
    spans = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    return spans + name_spans(text, names)


def mask(text: str, flags: tuple[str, ...] = (), names: Iterable[str] = ()) -> str:
    """``text`` with every protected span replaced by spaces of the same length."""
    chars = list(text)
    for start, end in protected(text, flags, names):
        chars[start:end] = " " * (end - start)
    return "".join(chars)
