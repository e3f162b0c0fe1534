"""Severity of each check, from ``[tool.pressctl.qa]``: ``error``, ``warning`` or ``off``.

Errors block a release (``pressctl qa`` exits 1, ``pressctl build`` refuses
to publish); warnings are shown for a reviewer to judge.  The defaults make
errors of what a reader would see as a mistake — a wrong figure, a wrong
official name, a broken placeholder, missing or unreviewed text, wrong or
unbalanced punctuation — and warnings of heuristics that also fire on good
translations: length, Latin leftovers, unchanged text.  A finding a check marks
*ambiguous* (近 may mean "about" or "nearly") is shown as a warning even when its
check is an error.
"""

from __future__ import annotations

from pressctl.core.errors import PressctlError
from pressctl.core.settings import Config, line_of_key, suggest

ERROR, WARNING, OFF = "error", "warning", "off"
LEVELS = (ERROR, WARNING, OFF)
DEFAULTS: dict[str, str] = {
    "numbers": ERROR,
    "dates": ERROR,
    "ordinals": ERROR,
    "spelled": ERROR,
    "currency": ERROR,
    "units": ERROR,
    "qualifiers": ERROR,
    # An error where both direction words sit right by the figure; a finding the
    # words leave open (a direction dropped, a word far from its figure) is a warning.
    "trend": ERROR,
    "glossary": ERROR,
    "placeholders": ERROR,
    "markup": ERROR,
    "untranslated": ERROR,
    "fuzzy": ERROR,
    "punctuation": ERROR,
    "punctuation-final": ERROR,
    "punctuation-balance": ERROR,
    "script": ERROR,
    "length": WARNING,
    "leftover": WARNING,
    "unchanged": WARNING,
    "degenerate": WARNING,
}


def severities(config: Config) -> dict[str, str]:
    """Every check's severity: the defaults overridden by the project's settings."""
    levels = dict(DEFAULTS)
    where = config.root / "pyproject.toml"
    for name, level in config.qa.items():
        line = line_of_key(where, ("qa", name))
        if name not in DEFAULTS:
            raise PressctlError(f"unknown QA check {name!r} in [tool.pressctl.qa]"
                                + suggest(name, list(DEFAULTS)), path=where, line=line,
                                hint=f"checks: {', '.join(DEFAULTS)}")
        if not isinstance(level, str) or level.lower() not in LEVELS:
            raise PressctlError(f"[tool.pressctl.qa] {name} must be one of "
                                f"{', '.join(LEVELS)}, not {level!r}", path=where, line=line)
        levels[name] = level.lower()
    return levels
