"""Text helpers shared by the checks: spans that are not prose (scripts: pressctl.core.script).

Placeholders, URLs, e-mail addresses and markup tags are code, not language:
numbers, punctuation and leftover checks look at text with those spans
blanked out (same length, so offsets still point into the original).
"""

from __future__ import annotations

import re

from pressctl.core.verbatim import EMAIL, URL

__all__ = ["BRACE_FIELD", "EMAIL", "PRINTF", "TAG", "URL", "mask", "protected"]

BRACE_FIELD = re.compile(r"\{[A-Za-z_][\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}")
PRINTF = re.compile(r"%(?:\([^)]+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def protected(text: str, flags: tuple[str, ...] = ()) -> list[re.Match[str]]:
    """Spans of code inside a segment: placeholders, URLs, e-mail addresses, tags.

    printf-style ``%s`` only counts under the ``python-format`` flag, since
    in prose "6.4% of" would otherwise read as a ``% o`` conversion.
    """
    patterns = [URL, EMAIL, TAG, BRACE_FIELD]
    if "python-format" in flags:
        patterns.append(PRINTF)
    return [m for pattern in patterns for m in pattern.finditer(text)]


def mask(text: str, flags: tuple[str, ...] = ()) -> str:
    """``text`` with every protected span replaced by spaces of the same length."""
    chars = list(text)
    for match in protected(text, flags):
        chars[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(chars)
