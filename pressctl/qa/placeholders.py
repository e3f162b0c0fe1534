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
URLs, e-mail addresses and markup tags must come through unchanged.
"""

from __future__ import annotations

import re
import string
from collections import Counter

from pressctl.qa.base import Finding, Pair
from pressctl.qa.text import BRACE_FIELD, EMAIL, PRINTF, TAG, URL

FIELD_END = re.compile(r"[.\[]")
TAG_ATTRIBUTES = re.compile(r"\s.*")

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


def _counted(pattern: re.Pattern[str], text: str, normalise: bool = False) -> Counter[str]:
    items = [m.group() for m in pattern.finditer(text)]
    if normalise:  # <b class="x"> and <b> are the same tag for a translator
        items = [TAG_ATTRIBUTES.sub("", i.rstrip(">/")) + ">" for i in items]
    return Counter(items)


def check(pair: Pair) -> list[Finding]:
    findings = _brace_findings(pair) if _wants_braces(pair) else []
    kinds: list[tuple[str, re.Pattern[str], bool]] = [
        ("URL", URL, False), ("e-mail address", EMAIL, False), ("markup tag", TAG, True)]
    if "python-format" in pair.flags:
        kinds.append(("placeholder", PRINTF, False))
    for label, pattern, normalise in kinds:
        source = _counted(pattern, pair.source, normalise)
        target = _counted(pattern, pair.target, normalise)
        for item in sorted((source - target).elements()):
            findings.append(Finding(CHECK, f"{label} {item} is missing", item))
        for item in sorted((target - source).elements()):
            findings.append(Finding(CHECK, f"{label} {item} is not in the source", item))
    return findings
