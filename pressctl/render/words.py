"""Where a long Latin word may break: a product name written as one word.

``NorthStarAutomotivePlatformProfessionalEdition`` is wider than a bilingual
column; reportlab, LibreOffice and Word cut such a word bare where the line runs
out ("…Platfo / rmProfessional…").  It may break, with a hyphen, where a reader
sees its parts: before a capital that starts a lower-case run, and between
letters and digits.  The PDF's Chinese line breaker breaks it there itself
(:func:`parts`); reportlab's paragraphs and the DOCX get soft hyphens there
(:func:`soft_hyphens`), which show only at the end of a line.
"""

from __future__ import annotations

import re

_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^A-Za-z\d]+")
#: A Latin word this long may be too wide for a narrow column (a bilingual half page).
LONG_WORD = 20
SOFT_HYPHEN = "\u00ad"
_LONG_NAME = re.compile(f"[A-Za-z\\d]{{{LONG_WORD},}}")


def parts(word: str) -> list[str]:
    """The pieces ``word`` may be hyphenated into (one piece: nowhere)."""
    found = _CAMEL.findall(word)
    return found if "".join(found) == word else [word]


def soft_hyphens(text: str) -> str:
    """``text`` with a soft hyphen between the parts of each long name written as one
    word (NorthStar\u00adAutomotive\u00adPlatform…)."""
    return _LONG_NAME.sub(lambda m: SOFT_HYPHEN.join(parts(m.group())), text)
