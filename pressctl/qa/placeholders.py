"""Placeholders and markup: what the program fills in or a renderer reads must survive translation.

A ``{value}`` the translator drops prints nothing; one the program does not
pass raises ``KeyError`` in the middle of a build; a broken brace raises
``ValueError``.  python-brace-format fields are parsed with
:class:`string.Formatter`, the parser ``str.format`` itself uses.

A developer may document extra fields in the entry's extracted comment
(``use {name} to spell it out``); the translation may use those, and one
such documented field may stand in for a source field it replaces — the kit's
money entry ``{symbol}{amount}`` is ``{amount}{name}`` in Chinese.  printf
conversions (``%s``, ``%(n)d``) are compared under ``python-format``;
URLs and e-mail addresses must come through unchanged.  ``<b>`` or ``<now>`` is
no tag: :mod:`pressctl.source.inline` (the one reader of inline Markdown) prints inline
HTML literally (README, "Text comes out exactly as typed"), so it is text a
translator may translate; links and emphasis are :mod:`pressctl.qa.markup`'s.
"""

from __future__ import annotations

import re
import string
from collections import Counter

from pressctl.qa.base import Finding, Pair
from pressctl.qa.text import BRACE_FIELD, EMAIL, PRINTF, URL

FIELD_END = re.compile(r"[.\[]")

CHECK = "placeholders"
_FORMATTER = string.Formatter()


def brace_fields(text: str) -> list[str]:
    """Field names of a ``str.format`` string (``{page}``, ``{0:,}`` → ``page``, ``0``).

    Raises ``ValueError`` for a string ``str.format`` would reject.
    """
    names = []
    for _, field, spec, _ in _FORMATTER.parse(text):
        if field is None:
            continue
        names.append(FIELD_END.split(field, maxsplit=1)[0])
        if spec and "{" in spec:
            names.extend(brace_fields(spec))
    return names


def _wants_braces(pair: Pair) -> bool:
    return "python-brace-format" in pair.flags or BRACE_FIELD.search(pair.source) is not None


def _brace_findings(pair: Pair) -> list[Finding]:
    try:
        source = set(brace_fields(pair.source))
    except ValueError:
        return []  # the source is not a format string after all
    try:
        target = set(brace_fields(pair.target))
    except ValueError as exc:
        return [Finding(CHECK, f"broken placeholder: {exc}", pair.target)]
    documented = set(brace_fields_lenient(pair.comment))
    unknown = sorted(target - source - documented)
    findings = [Finding(CHECK, f"placeholder {{{name}}} is not in the source", f"{{{name}}}")
                for name in unknown]
    missing = sorted(source - target)
    stand_ins = len((target - source) & documented)
    for name in missing[stand_ins:]:
        findings.append(Finding(CHECK, f"placeholder {{{name}}} is missing", f"{{{name}}}"))
    return findings


def brace_fields_lenient(text: str) -> list[str]:
    """Field names quoted in free text such as a developer comment."""
    return [m.group()[1:-1].split(":")[0].split("!")[0] for m in BRACE_FIELD.finditer(text)]


def _counted(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(m.group() for m in pattern.finditer(text))


def check(pair: Pair) -> list[Finding]:
    findings = _brace_findings(pair) if _wants_braces(pair) else []
    kinds: list[tuple[str, re.Pattern[str]]] = [("URL", URL), ("e-mail address", EMAIL)]
    if "python-format" in pair.flags:
        kinds.append(("placeholder", PRINTF))
    for label, pattern in kinds:
        source = _counted(pattern, pair.source)
        target = _counted(pattern, pair.target)
        for item in sorted((source - target).elements()):
            findings.append(Finding(CHECK, f"{label} {item} is missing", item))
        for item in sorted((target - source).elements()):
            findings.append(Finding(CHECK, f"{label} {item} is not in the source", item))
    return findings
